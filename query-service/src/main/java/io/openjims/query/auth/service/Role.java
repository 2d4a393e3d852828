package io.openjims.query.auth.service;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Roles of an API client; they end up in the token's {@code groups} claim. */
public enum Role {
    SRX("srx", Audience.QUERY),
    INGEST("ingest", Audience.COLLECTOR),
    ADMIN("admin", Audience.QUERY, Audience.COLLECTOR, Audience.PUSH);

    /** Role names usable in {@code @RolesAllowed}. */
    public static final String SRX_NAME = "srx";

    public static final String INGEST_NAME = "ingest";
    public static final String ADMIN_NAME = "admin";

    private final String wireName;
    private final List<String> audiences;

    Role(String wireName, String... audiences) {
        this.wireName = wireName;
        this.audiences = List.of(audiences);
    }

    /** The services ({@code aud}) a token with this role may be used at: where the role's APIs are. */
    public List<String> audiences() {
        return audiences;
    }

    /** The audiences of a token for these roles (wire names; unknown ones add nothing), in a stable order. */
    public static Set<String> audiencesOf(Collection<String> roles) {
        Set<String> out = new TreeSet<>();
        for (String role : roles) {
            fromWireName(role).ifPresent(r -> out.addAll(r.audiences));
        }
        return out;
    }

    /** The audience names each service verifies ({@code mp.jwt.verify.audiences}). */
    public static final class Audience {
        public static final String QUERY = "openjims-query";
        public static final String COLLECTOR = "openjims-collector";
        public static final String PUSH = "openjims-push";

        private Audience() {}
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }

    /** "srx, ingest, admin", for error messages. */
    public static String allowedNames() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }
}
