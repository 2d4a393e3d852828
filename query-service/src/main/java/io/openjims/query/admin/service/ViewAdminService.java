package io.openjims.query.admin.service;

import io.openjims.model.contract.IpAddresses;
import io.openjims.model.contract.SessionTimeouts;
import io.openjims.model.contract.SourceKinds;
import io.openjims.query.admin.model.ExplainAnswer;
import io.openjims.query.admin.model.HistoryAnswer;
import io.openjims.query.admin.model.SessionPage;
import io.openjims.query.admin.model.SessionView;
import io.openjims.query.admin.model.SettingsBody;
import io.openjims.query.admin.model.StatsResponse;
import io.openjims.query.admin.repository.ViewAdminRepository;
import io.openjims.query.view.config.ViewConfig;
import io.openjims.query.view.model.TimeoutSettings;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Stats, session search, address history and settings of the view. */
@ApplicationScoped
public class ViewAdminService {

    public static final int MAX_PAGE_SIZE = 500;

    private final ViewAdminRepository view;
    private final ViewConfig config;

    public ViewAdminService(ViewAdminRepository view, ViewConfig config) {
        this.view = view;
        this.config = config;
    }

    public Uni<StatsResponse> stats() {
        return view.stats();
    }

    /**
     * Active sessions, newest logon first. {@code ip}: an address or CIDR prefix; {@code user}: account name
     * (case-insensitive, {@code *} as wildcard); {@code domain}: DNS name or alias.
     */
    public Uni<SessionPage> sessions(String ip, String user, String domain, int page, int size) {
        List<String> errors = new ArrayList<>();
        if (page < 0) {
            errors.add("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        String cidr = null;
        if (ip != null && !ip.isBlank()) {
            String[] parts = ip.trim().split("/", 2);
            String address = IpAddresses.canonicalOrNull(parts[0]);
            boolean prefixOk = parts.length == 1 || parts[1].matches("\\d{1,3}");
            if (address == null || !prefixOk) {
                errors.add("ip must be an IPv4/IPv6 address or CIDR prefix");
            } else {
                cidr = parts.length == 1 ? address : address + "/" + parts[1];
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", errors) + ".");
        }
        String userPattern = user == null || user.isBlank()
                ? null
                : user.trim()
                        .toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                        .replace('*', '%');
        String domainLc =
                domain == null || domain.isBlank() ? null : domain.trim().toLowerCase(Locale.ROOT);
        Uni<Long> total = view.countSessions(cidr, userPattern, domainLc);
        Uni<List<SessionView>> items = view.sessions(cidr, userPattern, domainLc, size, (long) page * size);
        return Uni.combine()
                .all()
                .unis(total, items)
                .asTuple()
                .map(t -> new SessionPage(t.getItem1(), page, size, t.getItem2()));
    }

    /** Who held {@code ip} at {@code at}, from the retained change log. */
    public Uni<HistoryAnswer> history(String ipText, String atText) {
        List<String> errors = new ArrayList<>();
        String ip = IpAddresses.canonicalOrNull(ipText);
        if (ip == null) {
            errors.add("ip must be an IPv4 or IPv6 address");
        }
        Instant at = null;
        if (atText == null || atText.isBlank()) {
            errors.add("at must be an RFC 3339 time such as 2026-11-22T10:00:00Z");
        } else {
            try {
                at = OffsetDateTime.parse(atText.trim()).toInstant();
            } catch (RuntimeException e) {
                errors.add("at \"" + atText + "\" is not an RFC 3339 time (e.g. 2026-11-22T10:00:00Z)");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", errors) + ".");
        }
        return view.holderAt(ip, at);
    }

    /** The current mapping of an address and the recent events that decided it (at most the bound per address). */
    public Uni<ExplainAnswer> explain(String ipText) {
        String ip = IpAddresses.canonicalOrNull(ipText);
        if (ip == null) {
            throw ApiException.badRequest("ip must be an IPv4 or IPv6 address.");
        }
        return view.explain(ip, config.decisionsPerAddress());
    }

    public Uni<SettingsBody> settings() {
        return view.timeouts(config.sessionTimeoutMinutes())
                .map(t -> new SettingsBody(t.minutes(), new TreeMap<>(t.bySourceKind())));
    }

    /**
     * Stores the default timeouts; active sessions without a timeout of their own get their expiry moved to their
     * logon time plus the new default of their source kind (none when it is 0).
     */
    public Uni<SettingsBody> updateSettings(SettingsBody body) {
        TimeoutSettings timeouts = validTimeouts(body);
        return view.saveTimeouts(timeouts)
                .map(x -> new SettingsBody(timeouts.minutes(), new TreeMap<>(timeouts.bySourceKind())));
    }

    /** The timeouts of a settings body; 400 naming the rule when one is missing, out of range or of no source. */
    public static TimeoutSettings validTimeouts(SettingsBody body) {
        if (body == null || body.sessionTimeoutMinutes() == null) {
            throw ApiException.badRequest("session_timeout_minutes is required (" + SessionTimeouts.RULE + ").");
        }
        int minutes = body.sessionTimeoutMinutes();
        if (!SessionTimeouts.valid(minutes)) {
            throw ApiException.badRequest(
                    "session_timeout_minutes must be " + SessionTimeouts.RULE + ", not " + minutes + ".");
        }
        Map<String, Integer> bySource = body.sourceTimeoutMinutes() == null ? Map.of() : body.sourceTimeoutMinutes();
        for (Map.Entry<String, Integer> e : bySource.entrySet()) {
            if (!SourceKinds.known(e.getKey())) {
                throw ApiException.badRequest("source_timeout_minutes: '" + e.getKey()
                        + "' is not a source kind (one of " + String.join(", ", SourceKinds.ALL) + ").");
            }
            if (e.getValue() == null || !SessionTimeouts.valid(e.getValue())) {
                throw ApiException.badRequest("source_timeout_minutes." + e.getKey() + " must be "
                        + SessionTimeouts.RULE + ", not " + e.getValue() + ".");
            }
        }
        return new TimeoutSettings(minutes, bySource);
    }
}
