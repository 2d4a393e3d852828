package io.openjims.query.auth.service;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Roles of an API client; they end up in the token's {@code groups} claim. */
public enum Role {
    SRX("srx"),
    INGEST("ingest"),
    ADMIN("admin");

    /** Role names usable in {@code @RolesAllowed}. */
    public static final String SRX_NAME = "srx";

    public static final String INGEST_NAME = "ingest";
    public static final String ADMIN_NAME = "admin";

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
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
