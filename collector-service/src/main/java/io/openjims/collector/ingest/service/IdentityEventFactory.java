package io.openjims.collector.ingest.service;

import io.openjims.model.Device;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.IdentityText;
import io.openjims.model.Operation;
import io.openjims.model.contract.IpAddresses;
import io.openjims.model.contract.SessionTimeouts;
import io.openjims.model.contract.UserNames;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Validates a producer's item and turns it into an {@link IdentityEvent}. Pure logic: no I/O, a clock for "now". Text
 * follows {@link IdentityText}; the time bounds of every path are {@link
 * io.openjims.collector.events.service.EventGuard}'s.
 */
public final class IdentityEventFactory {

    public static final int MAX_USER = 256;
    public static final int MAX_DOMAIN = 255;
    public static final int MAX_POSTURE = 64;
    public static final int MAX_ROLES = 100;
    public static final int MAX_ROLE = 256;
    /** Reason of a per-entry rejection for a timeout outside {@link SessionTimeouts#RULE} (a metric tag). */
    public static final String TIMEOUT_OUT_OF_RANGE = "timeout_out_of_range";

    /** Reason of every other per-entry rejection (a metric tag). */
    public static final String INVALID = "invalid";

    private final Clock clock;
    private final EventSource source;

    public IdentityEventFactory(Clock clock, EventSource source) {
        this.clock = clock;
        this.source = source;
    }

    public ItemResult create(int index, IngestItem item) {
        try {
            return new ItemResult.Accepted(build(item));
        } catch (InvalidItemException e) {
            return new ItemResult.Rejected(index, e.getMessage(), e.reason);
        }
    }

    private IdentityEvent build(IngestItem item) {
        Operation operation = operation(item.operation());
        String ip = IpAddresses.canonical(item.ip())
                .orElseThrow(() -> new InvalidItemException(
                        item.ip() == null || item.ip().isBlank()
                                ? "ip is required"
                                : "ip '" + abbreviate(item.ip()) + "' is not an IPv4 or IPv6 address"));
        UserNames.UserDomain split = UserNames.split(item.user(), item.domain());
        String user = split.user();
        String domain = split.domain();
        if (user == null) {
            throw new InvalidItemException("user is required");
        }
        if (domain == null) {
            throw new InvalidItemException("domain is required (or write the user as DOMAIN\\user or user@domain)");
        }
        limit("user", user, MAX_USER);
        limit("domain", domain, MAX_DOMAIN);
        String posture = trimToNull(item.posture());
        if (posture != null) {
            limit("posture", posture, MAX_POSTURE);
        }
        Integer timeout = null;
        if (item.timeout() != null) {
            if (!SessionTimeouts.valid(item.timeout())) {
                throw new InvalidItemException(
                        "timeout must be " + SessionTimeouts.RULE + ", got " + item.timeout(), TIMEOUT_OUT_OF_RANGE);
            }
            timeout = item.timeout().intValue();
        }
        List<String> roles = roles(item.roles());
        Device device = device(item.device());
        Instant now = clock.instant();
        Instant occurredAt = item.timestamp() == null || item.timestamp().isBlank() ? now : timestamp(item.timestamp());
        if (IdentityText.timeProblem(occurredAt) != null) {
            throw new InvalidItemException("timestamp " + abbreviate(item.timestamp()) + " is out of range");
        }
        return new IdentityEvent(
                UUID.randomUUID().toString(),
                IdentityEvent.SCHEMA_VERSION,
                operation,
                ip,
                domain,
                user,
                roles,
                device,
                posture,
                timeout,
                source,
                occurredAt,
                now);
    }

    private static Operation operation(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidItemException("operation is required (logon or logoff)");
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "logon", "login" -> Operation.LOGON;
            case "logoff", "logout" -> Operation.LOGOFF;
            default ->
                throw new InvalidItemException("operation must be logon or logoff, got '" + abbreviate(value) + "'");
        };
    }

    private static Instant timestamp(String value) {
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            try {
                // Some producers leave out the offset; such times are taken as UTC.
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException again) {
                throw new InvalidItemException(
                        "timestamp '" + abbreviate(value) + "' is not an RFC 3339 time (e.g. 2026-11-22T10:00:00Z)");
            }
        }
    }

    private static List<String> roles(List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            return null;
        }
        if (roles.size() > MAX_ROLES) {
            throw new InvalidItemException("at most " + MAX_ROLES + " roles, got " + roles.size());
        }
        List<String> cleaned = roles.stream()
                .map(IdentityEventFactory::trimToNull)
                .filter(role -> role != null)
                .toList();
        for (String role : cleaned) {
            limit("role", role, MAX_ROLE);
        }
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static Device device(Device device) {
        if (device == null) {
            return null;
        }
        String identity = trimToNull(device.identity());
        if (identity != null) {
            limit("device identity", identity, MAX_USER);
        }
        List<String> groups = device.groups() == null || device.groups().isEmpty()
                ? null
                : device.groups().stream()
                        .map(IdentityEventFactory::trimToNull)
                        .filter(group -> group != null)
                        .toList();
        if (groups != null) {
            if (groups.size() > MAX_ROLES) {
                throw new InvalidItemException("at most " + MAX_ROLES + " device groups, got " + groups.size());
            }
            groups.forEach(group -> limit("device group", group, MAX_ROLE));
        }
        String os = trimToNull(device.os());
        String category = trimToNull(device.category());
        if (os != null) {
            limit("device os", os, MAX_ROLE);
        }
        if (category != null) {
            limit("device category", category, MAX_ROLE);
        }
        if (identity == null && groups == null && os == null && category == null) {
            return null;
        }
        return new Device(identity, groups == null || groups.isEmpty() ? null : groups, os, category);
    }

    private static void limit(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidItemException(field + " is longer than " + max + " characters");
        }
        String problem = IdentityText.problem(value, max);
        if (IdentityText.CONTROL_CHARACTER.equals(problem)) {
            throw new InvalidItemException(field + " contains a control character");
        } else if (problem != null) {
            throw new InvalidItemException(field + " is not valid Unicode text (" + problem + ")");
        }
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }

    private static final class InvalidItemException extends RuntimeException {
        private final String reason;

        InvalidItemException(String message) {
            this(message, INVALID);
        }

        InvalidItemException(String message, String reason) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
