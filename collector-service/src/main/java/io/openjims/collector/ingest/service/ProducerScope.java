package io.openjims.collector.ingest.service;

import io.openjims.collector.syslog.listener.SenderAllowList;
import io.openjims.model.IdentityEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a producer may claim: domains (matched case-insensitively against the domain as the producer wrote it, so a
 * producer writing {@code CORP\alice} needs {@code corp} listed), address ranges (CIDR prefixes) and whether the roles
 * it asserts are kept. An empty list does not restrict. Pure logic.
 */
public final class ProducerScope {

    public static final int MAX_ENTRIES = 100;

    /** No restriction, asserted roles kept: principals that predate scopes and trusted internal callers. */
    public static final ProducerScope UNRESTRICTED = new ProducerScope(List.of(), List.of(), true);

    /** Why an event lies outside the scope; {@code reason} tags the counter. */
    public record Refusal(String reason, String message) {}

    private final List<String> domains;
    private final List<String> addressRanges;
    private final boolean trustAssertedRoles;
    private final SenderAllowList ranges;

    public ProducerScope(List<String> domains, List<String> addressRanges, boolean trustAssertedRoles) {
        this.domains = normalizeDomains(domains);
        this.addressRanges = addressRanges == null ? List.of() : List.copyOf(addressRanges);
        this.trustAssertedRoles = trustAssertedRoles;
        this.ranges = SenderAllowList.of(this.addressRanges);
    }

    public List<String> domains() {
        return domains;
    }

    public List<String> addressRanges() {
        return addressRanges;
    }

    public boolean trustAssertedRoles() {
        return trustAssertedRoles;
    }

    /** The refusal of an event outside the scope, or null when it lies inside. */
    public Refusal refusal(IdentityEvent event) {
        if (!domains.isEmpty()
                && (event.domain() == null
                        || !domains.contains(event.domain().trim().toLowerCase(Locale.ROOT)))) {
            return new Refusal(
                    "domain",
                    "domain '" + event.domain() + "' is outside this producer's domains " + domains
                            + "; ask an admin to add it to the ingest client");
        }
        if (!addressRanges.isEmpty() && !ranges.allows(event.ip())) {
            return new Refusal(
                    "address", "ip '" + event.ip() + "' is outside this producer's address_ranges " + addressRanges);
        }
        return null;
    }

    /** Whether the event's asserted roles must be dropped before publishing. */
    public boolean dropsRolesOf(IdentityEvent event) {
        return !trustAssertedRoles && event.roles() != null && !event.roles().isEmpty();
    }

    /** Checks and normalizes admin input; throws IllegalArgumentException naming the field. */
    public static ProducerScope validated(List<String> domains, List<String> addressRanges, boolean trust) {
        if (domains != null && domains.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("domains: at most " + MAX_ENTRIES + " entries");
        }
        if (addressRanges != null && addressRanges.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("address_ranges: at most " + MAX_ENTRIES + " entries");
        }
        for (String d : domains == null ? List.<String>of() : domains) {
            if (d == null || d.isBlank() || d.length() > 255 || d.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("domains: '" + d + "' is not a domain name");
            }
        }
        for (String r : addressRanges == null ? List.<String>of() : addressRanges) {
            try {
                if (r == null || r.isBlank()) {
                    throw new IllegalArgumentException("empty");
                }
                SenderAllowList.of(List.of(r));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "address_ranges: '" + r + "' is not an IP address or CIDR prefix (e.g. 10.0.0.0/8)");
            }
        }
        return new ProducerScope(domains, addressRanges, trust);
    }

    private static List<String> normalizeDomains(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    out.add(v.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }
}
