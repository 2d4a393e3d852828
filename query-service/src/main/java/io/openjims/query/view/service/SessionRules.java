package io.openjims.query.view.service;

import io.openjims.model.Operation;
import io.openjims.model.contract.SessionTimeouts;
import io.openjims.model.contract.SourceKinds;
import io.openjims.query.view.model.ChangeRow;
import io.openjims.query.view.model.SessionRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The view's rules for one IP address, without I/O.
 *
 * <ul>
 *   <li>One active user per IP; the newest logon by event time wins, an older late event changes nothing.
 *   <li>A logoff ends the entry only if it names the current user and is not older than the current logon, and,
 *       when both it and the entry carry a producer session id (RADIUS Acct-Session-Id), only if the ids are equal:
 *       the Stop of an older session after the Start of the new one (roaming) leaves the new one.
 *   <li>A logoff without an active entry (it overtook its logon: they came through different collectors) leaves
 *       an ended entry at its time, so the late, older logon does not open a session that has ended.
 *   <li>A logon of the current user again restarts the timer; it is a visible change only if roles, device or
 *       posture changed.
 *   <li>A logon that has already expired when it arrives is ignored; a timeout of 0 never expires.
 *   <li>Source precedence: within the hold time after a stronger source's logon set the entry, a weaker source's
 *       logon has no effect (held); after it, it applies as usual.
 * </ul>
 */
public final class SessionRules {

    private SessionRules() {}

    /** What the rules did with an event, as the provenance ({@code /explain}) shows it. */
    public enum Rule {
        /** A logon created the entry, or the current user's logon again restarted the timer. */
        ACCEPTED,
        /** A logon of another user replaced the entry. */
        REPLACED,
        /** An ignore rule matched: the event had no effect. */
        IGNORED,
        /** A lower source within the precedence hold time of a higher one: no effect. */
        HELD,
        /** The entry expired. */
        EXPIRED,
        /** A logoff (or an admin) ended the entry. */
        ENDED,
        /** Nothing to do: a duplicate, an older event, a logoff of someone else or of another session. */
        UNCHANGED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What applying one event did: the new row (null when unchanged), the visible change (null when none), the rule
     * and a short reason (null when the rule says it all).
     */
    public record Outcome(SessionRow row, ChangeRow change, Rule rule, String detail) {

        static Outcome unchanged(String detail) {
            return new Outcome(null, null, Rule.UNCHANGED, detail);
        }
    }

    /**
     * Source precedence: {@code order} lists source kinds strongest first (a kind not in it is weaker than all);
     * within {@code hold} after a stronger source's logon set the entry, a weaker source's logon has no effect.
     */
    public record Precedence(List<String> order, Duration hold) {

        public static final Precedence NONE = new Precedence(List.of(), Duration.ZERO);

        /** Refuses a kind that is no source kind, or one listed twice (a typo would make a source weakest). */
        public Precedence {
            order = order == null
                    ? List.of()
                    : order.stream().map(k -> k.trim().toLowerCase(Locale.ROOT)).toList();
            for (int i = 0; i < order.size(); i++) {
                String kind = order.get(i);
                if (!SourceKinds.known(kind)) {
                    throw new IllegalArgumentException("openjims.query.view.source-precedence: '" + kind
                            + "' is not a source kind (one of " + String.join(", ", SourceKinds.ALL) + ")");
                }
                if (order.indexOf(kind) != i) {
                    throw new IllegalArgumentException(
                            "openjims.query.view.source-precedence: '" + kind + "' is listed twice");
                }
            }
        }

        int rank(String kind) {
            int i = order.indexOf(kind);
            return i < 0 ? order.size() : i;
        }

        /** Whether {@code e} (a logon) is held by the active entry {@code current}. */
        boolean holds(SessionRow current, ViewEvent e) {
            return !hold.isZero()
                    && !hold.isNegative()
                    && rank(e.sourceKind()) > rank(current.sourceKind())
                    && e.occurredAt().isBefore(current.logonAt().plus(hold));
        }
    }

    /**
     * Applies an event to the current row of its IP.
     *
     * @param current the IP's row, or null when the IP was never seen
     * @param directoryRoles the user's directory groups (lower case), for a logon
     * @param defaultTimeout session timeout in minutes when the event carries none (0: never expires)
     */
    public static Outcome apply(
            SessionRow current, ViewEvent event, Collection<String> directoryRoles, int defaultTimeout, Instant now) {
        return apply(current, event, directoryRoles, defaultTimeout, Precedence.NONE, now);
    }

    /** As {@link #apply(SessionRow, ViewEvent, Collection, int, Instant)}, with source precedence. */
    public static Outcome apply(
            SessionRow current,
            ViewEvent event,
            Collection<String> directoryRoles,
            int defaultTimeout,
            Precedence precedence,
            Instant now) {
        if (current != null && Objects.equals(current.lastEventId(), event.id())) {
            return Outcome.unchanged("duplicate");
        }
        return event.operation() == Operation.LOGON
                ? logon(current, event, directoryRoles, defaultTimeout, precedence, now)
                : logoff(current, event);
    }

    private static Outcome logon(
            SessionRow current,
            ViewEvent e,
            Collection<String> directoryRoles,
            int defaultTimeout,
            Precedence precedence,
            Instant now) {
        int timeout = e.timeoutMinutes() != null ? e.timeoutMinutes() : defaultTimeout;
        Instant expiresAt =
                timeout == SessionTimeouts.NEVER ? null : e.occurredAt().plus(Duration.ofMinutes(timeout));
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return Outcome.unchanged("expired_on_arrival");
        }
        if (current != null) {
            Instant newest = current.active() ? current.logonAt() : current.stateAt();
            if (e.occurredAt().isBefore(newest)) {
                return Outcome.unchanged("older");
            }
            if (current.active() && precedence.holds(current, e)) {
                return new Outcome(null, null, Rule.HELD, "held_by_" + current.sourceKind());
            }
        }
        List<String> asserted = lowerSorted(e.roles());
        SessionRow row = new SessionRow(
                e.ip(),
                true,
                e.domain(),
                e.user(),
                asserted,
                roles(directoryRoles, asserted),
                e.deviceJson(),
                e.posture(),
                e.sourceKind(),
                e.sourceCollector(),
                e.sourceName(),
                e.occurredAt(),
                e.occurredAt(),
                e.timeoutMinutes(),
                expiresAt,
                e.id(),
                e.sessionId());
        boolean replaced = current != null && current.active() && !sameUser(current, e.domain(), e.user());
        boolean visible = current == null
                || !current.active()
                || replaced
                || !Objects.equals(current.user(), row.user())
                || !Objects.equals(current.roles(), row.roles())
                || !Objects.equals(current.deviceJson(), row.deviceJson())
                || !Objects.equals(current.posture(), row.posture());
        return new Outcome(
                row,
                visible ? ChangeRow.logon(e.id(), row, e.occurredAt()) : null,
                replaced ? Rule.REPLACED : Rule.ACCEPTED,
                null);
    }

    private static Outcome logoff(SessionRow current, ViewEvent e) {
        if (current == null || !current.active()) {
            if (current != null && !e.occurredAt().isAfter(current.stateAt())) {
                return Outcome.unchanged("no_session");
            }
            // The logoff may have overtaken its logon (they came through different collectors): the address keeps
            // an ended entry at the logoff's time, so that the late, older logon does not open a session that ended.
            return new Outcome(loggedOff(e), null, Rule.UNCHANGED, "no_session");
        }
        if (!sameUser(current, e.domain(), e.user())) {
            return Outcome.unchanged("other_user");
        }
        if (e.occurredAt().isBefore(current.logonAt())) {
            return Outcome.unchanged("older");
        }
        if (otherSession(current, e)) {
            return Outcome.unchanged("other_session");
        }
        SessionRow row = current.ended(e.occurredAt(), e.id());
        return new Outcome(
                row,
                ChangeRow.logoff(e.id(), current, e.occurredAt(), e.sourceKind(), e.sourceCollector(), e.sourceName()),
                Rule.ENDED,
                null);
    }

    /** An ended entry that only records a logoff of {@code e}'s user at its time. */
    private static SessionRow loggedOff(ViewEvent e) {
        return new SessionRow(
                e.ip(),
                false,
                e.domain(),
                e.user(),
                List.of(),
                List.of(),
                null,
                null,
                e.sourceKind(),
                e.sourceCollector(),
                e.sourceName(),
                e.occurredAt(),
                e.occurredAt(),
                null,
                null,
                e.id(),
                e.sessionId());
    }

    /** Ends an expired session: a logoff change with source {@code expiry}. */
    public static Outcome expire(SessionRow current, String changeId) {
        SessionRow row = current.ended(current.stateAt(), current.lastEventId());
        return new Outcome(
                row,
                ChangeRow.logoff(changeId, current, current.expiresAt(), ChangeRow.EXPIRY_SOURCE, null, null),
                Rule.EXPIRED,
                null);
    }

    /** Ends a session on an admin's request at {@code at}: a logoff change with source {@code admin}. */
    public static Outcome endByAdmin(SessionRow current, String changeId, String adminName, Instant at) {
        if (current == null || !current.active()) {
            return Outcome.unchanged("no_session");
        }
        Instant when = at.isBefore(current.stateAt()) ? current.stateAt() : at;
        SessionRow row = current.ended(when, changeId);
        return new Outcome(
                row,
                ChangeRow.logoff(changeId, current, when, ChangeRow.ADMIN_SOURCE, null, adminName),
                Rule.ENDED,
                "admin");
    }

    /** Re-derives the roles of an active session after the user's directory groups changed. */
    public static Outcome regroup(SessionRow current, Collection<String> directoryRoles, String changeId, Instant now) {
        List<String> newRoles = roles(directoryRoles, current.assertedRoles());
        if (!current.active() || newRoles.equals(current.roles())) {
            return Outcome.unchanged(null);
        }
        SessionRow row = current.withRoles(newRoles);
        return new Outcome(row, ChangeRow.logon(changeId, row, now), Rule.ACCEPTED, "roles");
    }

    /** Both name a producer session and they differ. */
    static boolean otherSession(SessionRow current, ViewEvent e) {
        return current.sessionId() != null
                && e.sessionId() != null
                && !current.sessionId().equals(e.sessionId());
    }

    static boolean sameUser(SessionRow row, String domain, String user) {
        return Objects.equals(row.domain(), domain)
                && row.user() != null
                && user != null
                && row.user().equalsIgnoreCase(user);
    }

    /** Directory groups plus producer-asserted roles: lower case, sorted, without duplicates. */
    public static List<String> roles(Collection<String> directoryRoles, Collection<String> asserted) {
        TreeSet<String> all = new TreeSet<>();
        addLower(all, directoryRoles);
        addLower(all, asserted);
        return new ArrayList<>(all);
    }

    static List<String> lowerSorted(Collection<String> values) {
        TreeSet<String> all = new TreeSet<>();
        addLower(all, values);
        return new ArrayList<>(all);
    }

    private static void addLower(TreeSet<String> into, Collection<String> values) {
        if (values == null) {
            return;
        }
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                into.add(v.trim().toLowerCase(Locale.ROOT));
            }
        }
    }

    /**
     * A producer's timeout as the view applies it: null (the default) and 0 (never) stay; the collectors refuse
     * anything outside 10..1440, so a value outside it (an older collector) is kept at the nearer bound (the caller
     * counts it); a negative one means the default.
     */
    public static Integer boundedTimeout(Integer minutes) {
        if (minutes == null || minutes < 0) {
            return null;
        }
        if (minutes == SessionTimeouts.NEVER) {
            return minutes;
        }
        return Math.min(SessionTimeouts.MAX, Math.max(SessionTimeouts.MIN, minutes));
    }
}
