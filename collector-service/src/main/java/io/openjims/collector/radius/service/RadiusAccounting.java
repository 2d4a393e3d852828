package io.openjims.collector.radius.service;

import io.openjims.collector.events.service.EventGuard;
import io.openjims.collector.events.service.EventIds;
import io.openjims.collector.events.service.UsableAddresses;
import io.openjims.collector.ingest.service.ProducerScope;
import io.openjims.collector.radius.config.RadiusConfig;
import io.openjims.collector.status.service.CollectorIdentity;
import io.openjims.model.Device;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.contract.IpAddresses;
import io.openjims.model.contract.SessionTimeouts;
import io.openjims.model.contract.SourceKinds;
import io.openjims.model.contract.UserNames;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns an authenticated Accounting-Request (RFC 2866) into identity events, one per address it names:
 *
 * <ul>
 *   <li>Acct-Status-Type Start (1) and Interim-Update (3): logon; Stop (2): logoff; Accounting-On (7) and
 *       Accounting-Off (8): a logoff for every session this NAS opened ({@link RadiusSessions}); other types: nothing;
 *   <li>addresses: Framed-IP-Address (not 0.0.0.0, 255.255.255.254/255, which ask the NAS or user to choose),
 *       Framed-IPv6-Address, and Delegated-IPv6-Prefix as its first address, all in the canonical form;
 *   <li>User-Name as {@code DOMAIN\\user}, {@code user@domain} or plain (then the client's domain), split by
 *       {@link UserNames}; Calling-Station-Id as the device; Acct-Session-Id as the event's session id;
 *       Session-Timeout (seconds) as the entry's timeout in minutes (rounded up, kept within 10..1440 and counted
 *       when outside); 0 as {@link SessionTimeouts#NEVER} (never expires); absent: the view's default;
 *   <li>Class (and the {@code role-attribute} vendor attribute) as roles, only for a client trusted to assert roles;
 *   <li>the time: Event-Timestamp, else the receive time less Acct-Delay-Time;
 *   <li>then the rules of every path: {@link EventGuard} (text, times in the future) and the client's
 *       {@link ProducerScope}.
 * </ul>
 *
 * Called on the listener's event loop; thread-safe.
 */
@ApplicationScoped
public class RadiusAccounting {

    public static final String PRODUCER_KIND = SourceKinds.RADIUS;

    public static final int START = 1;
    public static final int STOP = 2;
    public static final int INTERIM_UPDATE = 3;
    public static final int ACCOUNTING_ON = 7;
    public static final int ACCOUNTING_OFF = 8;

    private static final Logger LOG = Logger.getLogger(RadiusAccounting.class);

    private final EventGuard guard;
    private final RadiusCounters counters;
    private final CollectorIdentity collector;
    private final RadiusSessions sessions;
    private final int roleVendor;
    private final int roleVendorType;

    public RadiusAccounting(
            EventGuard guard, RadiusCounters counters, CollectorIdentity collector, RadiusConfig config) {
        // Called per request: the beans themselves, not their client proxies.
        this.guard = ClientProxy.unwrap(guard);
        this.counters = ClientProxy.unwrap(counters);
        this.collector = collector;
        this.sessions = new RadiusSessions(config.maxTrackedSessions());
        int[] vsa = roleAttribute(config.roleAttribute());
        this.roleVendor = vsa[0];
        this.roleVendorType = vsa[1];
    }

    /** {@code <vendor-id>:<vendor-type>}, or {-1, -1} when unset; throws naming the setting. */
    static int[] roleAttribute(Optional<String> setting) {
        if (setting.isEmpty() || setting.get().isBlank()) {
            return new int[] {-1, -1};
        }
        String value = setting.get().trim();
        int colon = value.indexOf(':');
        try {
            int vendor = Integer.parseInt(value.substring(0, colon));
            int type = Integer.parseInt(value.substring(colon + 1));
            if (vendor < 0 || vendor > 16_777_215 || type < 1 || type > 255) {
                throw new NumberFormatException();
            }
            return new int[] {vendor, type};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("openjims.collector.radius.role-attribute: '" + value
                    + "' is not <vendor-id>:<vendor-type> (e.g. 9:1)");
        }
    }

    /** The sessions this replica holds (tests, diagnostics). */
    public RadiusSessions sessions() {
        return sessions;
    }

    /**
     * The events to publish for an authenticated request from {@code client}, sent by the NAS at {@code nas}
     * (canonical source address); empty when there is nothing to publish (counted with a reason).
     */
    public List<IdentityEvent> events(AccountingFields fields, ActiveClient client, String nas, Instant now) {
        Instant occurred = occurredAt(fields, now);
        return switch (fields.status) {
            case START, INTERIM_UPDATE -> sessionEvents(fields, client, nas, Operation.LOGON, occurred, now);
            case STOP -> sessionEvents(fields, client, nas, Operation.LOGOFF, occurred, now);
            case ACCOUNTING_ON, ACCOUNTING_OFF -> endAll(client, nas, occurred, now);
            default -> {
                counters.ignored("status_type");
                yield List.of();
            }
        };
    }

    private List<IdentityEvent> sessionEvents(
            AccountingFields fields,
            ActiveClient client,
            String nas,
            Operation operation,
            Instant occurred,
            Instant now) {
        String sessionId = text(fields.sessionId);
        List<String> addresses = addresses(fields);
        if (addresses.isEmpty()) {
            counters.ignored("no_address");
            return List.of();
        }
        UserNames.UserDomain name = UserNames.split(fields.userName, null);
        String device = text(fields.device);
        List<String> roles = operation == Operation.LOGON ? roles(fields, client) : List.of();
        Integer timeout = operation == Operation.LOGON ? timeoutMinutes(fields.sessionTimeout) : null;
        Device deviceValue = device == null ? null : new Device(device, List.of(), null, null);
        EventSource source = new EventSource(collector.id(), PRODUCER_KIND, client.name(), collector.site());
        List<IdentityEvent> out = new ArrayList<>(addresses.size());
        for (String ip : addresses) {
            String user = name.user();
            String domain = name.domain() != null ? name.domain() : client.domain();
            if (operation == Operation.LOGOFF) {
                RadiusSessions.Tracked held = sessions.current(ip);
                if (!sessions.stopped(ip, sessionId)) {
                    counters.ignored("stale_session");
                    LOG.debugf(
                            "RADIUS Stop for %s session %s from %s ignored: session %s holds the address",
                            ip, sessionId, client, held == null ? null : held.sessionId());
                    continue;
                }
                if (user == null && held != null) {
                    user = held.user();
                    domain = held.domain();
                }
            }
            if (user == null) {
                counters.ignored("no_user");
                continue;
            }
            IdentityEvent event = new IdentityEvent(
                    EventIds.random().toString(),
                    IdentityEvent.SCHEMA_VERSION,
                    operation,
                    ip,
                    domain,
                    user,
                    roles,
                    deviceValue,
                    null,
                    timeout,
                    source,
                    occurred,
                    now,
                    sessionId);
            IdentityEvent checked = checked(event, client);
            if (checked != null) {
                if (operation == Operation.LOGON) {
                    sessions.opened(new RadiusSessions.Tracked(ip, nas, sessionId, user, domain));
                }
                out.add(checked);
            }
        }
        return out;
    }

    private List<IdentityEvent> endAll(ActiveClient client, String nas, Instant occurred, Instant now) {
        List<IdentityEvent> out = new ArrayList<>();
        for (RadiusSessions.Tracked session : sessions.endAllOf(nas)) {
            IdentityEvent event = new IdentityEvent(
                    EventIds.random().toString(),
                    IdentityEvent.SCHEMA_VERSION,
                    Operation.LOGOFF,
                    session.ip(),
                    session.domain(),
                    session.user(),
                    List.of(),
                    null,
                    null,
                    null,
                    new EventSource(collector.id(), PRODUCER_KIND, client.name(), collector.site()),
                    occurred,
                    now,
                    session.sessionId());
            IdentityEvent checked = checked(event, client);
            if (checked != null) {
                out.add(checked);
            }
        }
        if (out.isEmpty()) {
            counters.ignored("no_sessions");
        }
        return out;
    }

    /** The event after the rules of every path, or null (counted). */
    private IdentityEvent checked(IdentityEvent event, ActiveClient client) {
        EventGuard.Verdict verdict = guard.check(PRODUCER_KIND, event);
        if (verdict instanceof EventGuard.Refused refused) {
            counters.ignored("refused");
            LOG.debugf("RADIUS accounting from %s refused: %s", client, refused.detail());
            return null;
        }
        IdentityEvent accepted = ((EventGuard.Accepted) verdict).event();
        ProducerScope.Refusal outside = client.scope().refusal(accepted);
        if (outside != null) {
            counters.ignored("out_of_scope_" + outside.reason());
            LOG.debugf("RADIUS accounting from %s outside its scope: %s", client, outside.message());
            return null;
        }
        return accepted;
    }

    /** Framed-IP-Address, Framed-IPv6-Address, Delegated-IPv6-Prefix (in that order): canonical, usable, each once. */
    private List<String> addresses(AccountingFields fields) {
        List<String> out = new ArrayList<>(2);
        for (byte[] b : fields.ipv4) {
            if ((b[0] & b[1] & b[2] & 0xff) == 0xff && (b[3] & 0xfe) == 0xfe) {
                // 255.255.255.255 (the user chooses) and 255.255.255.254 (the NAS chooses): no address yet.
                continue;
            }
            add(out, IpAddresses.format(b));
        }
        for (byte[] b : fields.ipv6) {
            add(out, IpAddresses.format(b));
        }
        return out;
    }

    private void add(List<String> out, String text) {
        try {
            String ip = UsableAddresses.normalize(text);
            if (!out.contains(ip)) {
                out.add(ip);
            }
        } catch (UsableAddresses.InvalidIpException e) {
            counters.ignored("unusable_address");
        }
    }

    private List<String> roles(AccountingFields fields, ActiveClient client) {
        List<String> roles = new ArrayList<>();
        for (byte[] value : fields.classes) {
            addRole(roles, value);
        }
        if (roleVendor >= 0) {
            for (AccountingFields.Vendor vendor : fields.vendors) {
                if (vendor.vendorId() == roleVendor && vendor.vendorType() == roleVendorType) {
                    addRole(roles, vendor.value());
                }
            }
        }
        if (roles.isEmpty()) {
            return List.of();
        }
        if (!client.scope().trustAssertedRoles()) {
            counters.rolesDropped();
            return List.of();
        }
        return List.copyOf(roles);
    }

    private static void addRole(List<String> roles, byte[] value) {
        String role = text(new String(value, StandardCharsets.UTF_8));
        if (role != null && !roles.contains(role)) {
            roles.add(role);
        }
    }

    private Integer timeoutMinutes(long seconds) {
        if (seconds < 0) {
            return null;
        }
        if (seconds == 0) {
            // No limit from the NAS: what the lifecycle calls 0, an entry that never expires.
            return SessionTimeouts.NEVER;
        }
        long minutes = (seconds + 59) / 60;
        // A Session-Timeout is the NAS's own limit: refusing the request would only make the NAS retransmit it, so a
        // value outside 10..1440 minutes is kept at the nearer bound and counted.
        if (minutes < SessionTimeouts.MIN || minutes > SessionTimeouts.MAX) {
            counters.timeoutClamped();
            minutes = Math.max(SessionTimeouts.MIN, Math.min(SessionTimeouts.MAX, minutes));
        }
        return (int) minutes;
    }

    private static Instant occurredAt(AccountingFields fields, Instant now) {
        if (fields.eventTimestamp != null) {
            return fields.eventTimestamp;
        }
        return fields.delay <= 0 ? now : now.minusSeconds(fields.delay);
    }

    private static String text(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
