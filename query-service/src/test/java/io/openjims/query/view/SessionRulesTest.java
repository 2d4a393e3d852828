package io.openjims.query.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.model.Operation;
import io.openjims.query.view.model.ChangeRow;
import io.openjims.query.view.model.SessionRow;
import io.openjims.query.view.service.SessionRules;
import io.openjims.query.view.service.ViewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofMinutes(5));
    private static int ids;

    private static ViewEvent ev(Operation op, String user, Instant at) {
        return ev(op, user, at, null);
    }

    private static ViewEvent ev(Operation op, String user, Instant at, Integer timeout) {
        return new ViewEvent(
                "e" + (++ids),
                op,
                "10.0.0.1",
                "example.com",
                user,
                List.of("VPN"),
                null,
                null,
                timeout,
                "syslog",
                "c1",
                "dc1",
                at);
    }

    private static ViewEvent radius(Operation op, String user, Instant at, String sessionId) {
        return new ViewEvent(
                "e" + (++ids),
                op,
                "10.0.0.1",
                "example.com",
                user,
                List.of(),
                null,
                null,
                null,
                "radius",
                "c1",
                "nas1",
                at,
                sessionId);
    }

    private static SessionRules.Outcome apply(SessionRow row, ViewEvent e) {
        return SessionRules.apply(row, e, List.of("Sales", "domain users"), 1440, NOW);
    }

    @Test
    void firstLogonCreatesAnEntryWithDirectoryAndAssertedRoles() {
        var o = apply(null, ev(Operation.LOGON, "alice", T0));
        assertThat(o.row().active()).isTrue();
        assertThat(o.row().roles()).containsExactly("domain users", "sales", "vpn");
        assertThat(o.row().expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(1440)));
        assertThat(o.change().operation()).isEqualTo(ChangeRow.LOGON);
    }

    @Test
    void newestLogonWinsAndALateOlderOneChangesNothing() {
        SessionRow alice = apply(null, ev(Operation.LOGON, "alice", T0)).row();
        var bob = apply(alice, ev(Operation.LOGON, "bob", T0.plusSeconds(10)));
        assertThat(bob.row().user()).isEqualTo("bob");
        assertThat(bob.change().user()).isEqualTo("bob");
        var lateCarol = apply(bob.row(), ev(Operation.LOGON, "carol", T0.plusSeconds(5)));
        assertThat(lateCarol.row()).isNull();
        assertThat(lateCarol.change()).isNull();
    }

    @Test
    void logoffEndsOnlyTheCurrentUserAndNotAnOlderLogon() {
        SessionRow alice = apply(null, ev(Operation.LOGON, "alice", T0)).row();
        assertThat(apply(alice, ev(Operation.LOGOFF, "bob", T0.plusSeconds(1))).change())
                .isNull();
        assertThat(apply(alice, ev(Operation.LOGOFF, "alice", T0.minusSeconds(1)))
                        .change())
                .isNull();
        var off = apply(alice, ev(Operation.LOGOFF, "ALICE", T0.plusSeconds(2)));
        assertThat(off.row().active()).isFalse();
        assertThat(off.change().operation()).isEqualTo(ChangeRow.LOGOFF);
        // A late logon older than the logoff does not bring the session back.
        assertThat(apply(off.row(), ev(Operation.LOGON, "dave", T0.plusSeconds(1)))
                        .row())
                .isNull();
        assertThat(apply(off.row(), ev(Operation.LOGON, "dave", T0.plusSeconds(3)))
                        .row()
                        .active())
                .isTrue();
    }

    @Test
    void aLogoffThatArrivesBeforeItsLogonKeepsTheLateLogonFromOpeningTheSession() {
        // Logon and logoff came through different collector replicas and reached the view in the wrong order.
        var early = apply(null, ev(Operation.LOGOFF, "alice", T0.plusSeconds(3)));
        assertThat(early.change()).isNull();
        assertThat(early.rule()).isEqualTo(SessionRules.Rule.UNCHANGED);
        assertThat(early.detail()).isEqualTo("no_session");
        assertThat(early.row()).isNotNull();
        assertThat(early.row().active()).isFalse();
        assertThat(early.row().stateAt()).isEqualTo(T0.plusSeconds(3));

        var late = apply(early.row(), ev(Operation.LOGON, "alice", T0));
        assertThat(late.row()).isNull();
        assertThat(late.change()).isNull();
        assertThat(late.detail()).isEqualTo("older");
        // A logon after the logoff opens a session as usual.
        assertThat(apply(early.row(), ev(Operation.LOGON, "alice", T0.plusSeconds(4)))
                        .row()
                        .active())
                .isTrue();
        // An older logoff of no session leaves the newer end where it is.
        assertThat(apply(early.row(), ev(Operation.LOGOFF, "bob", T0.plusSeconds(1)))
                        .row())
                .isNull();
    }

    @Test
    void reLogonRestartsTheTimerWithoutAVisibleChange() {
        SessionRow alice = apply(null, ev(Operation.LOGON, "alice", T0, 60)).row();
        var again = apply(alice, ev(Operation.LOGON, "alice", T0.plusSeconds(120), 60));
        assertThat(again.row().expiresAt()).isEqualTo(T0.plusSeconds(120).plus(Duration.ofMinutes(60)));
        assertThat(again.change()).isNull();
    }

    @Test
    void theSameEventTwiceAndAnAlreadyExpiredLogonAreIgnored() {
        ViewEvent e = ev(Operation.LOGON, "alice", T0);
        SessionRow alice = apply(null, e).row();
        assertThat(apply(alice, e).row()).isNull();
        assertThat(apply(null, ev(Operation.LOGON, "old", NOW.minus(Duration.ofMinutes(10)), 5))
                        .row())
                .isNull();
    }

    @Test
    void expiryAndRoleChanges() {
        SessionRow alice = apply(null, ev(Operation.LOGON, "alice", T0)).row();
        var expired = SessionRules.expire(alice, "x1");
        assertThat(expired.row().active()).isFalse();
        assertThat(expired.change().sourceKind()).isEqualTo("expiry");
        assertThat(expired.change().eventTime()).isEqualTo(alice.expiresAt());
        var regrouped = SessionRules.regroup(alice, List.of("Engineering"), "r1", NOW);
        assertThat(regrouped.row().roles()).containsExactly("engineering", "vpn");
        assertThat(regrouped.change().operation()).isEqualTo(ChangeRow.LOGON);
        assertThat(SessionRules.regroup(alice, List.of("sales", "Domain Users"), "r2", NOW)
                        .change())
                .isNull();
    }

    @Test
    void aStopOfTheOldSessionAfterTheStartOfTheNewOneLeavesTheNewOne() {
        SessionRow first =
                apply(null, radius(Operation.LOGON, "alice", T0, "S1")).row();
        assertThat(first.sessionId()).isEqualTo("S1");
        // Roaming: the new access point's Start comes first, the old one's Stop after it.
        var second = apply(first, radius(Operation.LOGON, "alice", T0.plusSeconds(30), "S2"));
        assertThat(second.row().sessionId()).isEqualTo("S2");
        assertThat(second.change()).as("same user again: no visible change").isNull();
        var staleStop = apply(second.row(), radius(Operation.LOGOFF, "alice", T0.plusSeconds(31), "S1"));
        assertThat(staleStop.row()).isNull();
        assertThat(staleStop.change()).isNull();
        var realStop = apply(second.row(), radius(Operation.LOGOFF, "alice", T0.plusSeconds(60), "S2"));
        assertThat(realStop.row().active()).isFalse();
        assertThat(realStop.change().operation()).isEqualTo(ChangeRow.LOGOFF);
    }

    @Test
    void aLogoffWithoutASessionIdOrOfAnEntryWithoutOneStillEndsTheSession() {
        SessionRow radiusEntry =
                apply(null, radius(Operation.LOGON, "alice", T0, "S1")).row();
        assertThat(apply(radiusEntry, ev(Operation.LOGOFF, "alice", T0.plusSeconds(5)))
                        .row()
                        .active())
                .isFalse();
        SessionRow syslogEntry = apply(null, ev(Operation.LOGON, "alice", T0)).row();
        assertThat(syslogEntry.sessionId()).isNull();
        assertThat(apply(syslogEntry, radius(Operation.LOGOFF, "alice", T0.plusSeconds(5), "S9"))
                        .row()
                        .active())
                .isFalse();
    }

    private static final SessionRules.Precedence PRECEDENCE = new SessionRules.Precedence(
            List.of("radius", "srx-webapi", "pan-userid", "json", "syslog"), Duration.ofMinutes(10));

    private static SessionRules.Outcome precede(SessionRow row, ViewEvent e) {
        return SessionRules.apply(row, e, List.of(), 1440, PRECEDENCE, NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void aWeakerSourceIsHeldWithinTheHoldTimeAndReplacesAfterIt() {
        SessionRow radiusAlice =
                precede(null, radius(Operation.LOGON, "alice", T0, "S1")).row();
        var heldBob = precede(radiusAlice, ev(Operation.LOGON, "bob", T0.plus(Duration.ofMinutes(9))));
        assertThat(heldBob.rule()).isEqualTo(SessionRules.Rule.HELD);
        assertThat(heldBob.detail()).isEqualTo("held_by_radius");
        assertThat(heldBob.row()).isNull();
        assertThat(heldBob.change()).isNull();
        // The same user from the weaker source is held too: it would take the address's precedence away.
        assertThat(precede(radiusAlice, ev(Operation.LOGON, "alice", T0.plusSeconds(5)))
                        .rule())
                .isEqualTo(SessionRules.Rule.HELD);
        var lateBob = precede(radiusAlice, ev(Operation.LOGON, "bob", T0.plus(Duration.ofMinutes(10))));
        assertThat(lateBob.rule()).isEqualTo(SessionRules.Rule.REPLACED);
        assertThat(lateBob.row().user()).isEqualTo("bob");
        assertThat(lateBob.row().sourceKind()).isEqualTo("syslog");
    }

    @Test
    void aStrongerOrEqualSourceReplacesAtOnceAndAnUnlistedKindIsWeakest() {
        SessionRow syslogAlice = precede(null, ev(Operation.LOGON, "alice", T0)).row();
        var radiusBob = precede(syslogAlice, radius(Operation.LOGON, "bob", T0.plusSeconds(1), "S1"));
        assertThat(radiusBob.rule()).isEqualTo(SessionRules.Rule.REPLACED);
        var radiusCarol = precede(radiusBob.row(), radius(Operation.LOGON, "carol", T0.plusSeconds(2), "S2"));
        assertThat(radiusCarol.rule()).isEqualTo(SessionRules.Rule.REPLACED);
        ViewEvent unknown = new ViewEvent(
                "u1",
                Operation.LOGON,
                "10.0.0.1",
                "example.com",
                "dave",
                List.of(),
                null,
                null,
                null,
                "homegrown",
                "c1",
                "x",
                T0.plusSeconds(3));
        SessionRow syslogErin = precede(null, ev(Operation.LOGON, "erin", T0)).row();
        assertThat(precede(syslogErin, unknown).rule()).isEqualTo(SessionRules.Rule.HELD);
        // A logoff of the current user from a weaker source still ends the session.
        assertThat(precede(radiusCarol.row(), ev(Operation.LOGOFF, "carol", T0.plusSeconds(4)))
                        .rule())
                .isEqualTo(SessionRules.Rule.ENDED);
        // Precedence off (hold 0): the newest logon wins as before.
        assertThat(SessionRules.apply(
                                radiusCarol.row(), ev(Operation.LOGON, "bob", T0.plusSeconds(5)), List.of(), 1440, NOW)
                        .rule())
                .isEqualTo(SessionRules.Rule.REPLACED);
    }

    @Test
    void aPrecedenceListNamingNoSourceKindOrOneTwiceIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new SessionRules.Precedence(List.of("radious", "syslog"), Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'radious' is not a source kind");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new SessionRules.Precedence(List.of("json", "syslog", "json"), Duration.ofMinutes(10)))
                .hasMessageContaining("'json' is listed twice");
        assertThat(new SessionRules.Precedence(List.of(" Syslog"), Duration.ZERO).order())
                .containsExactly("syslog");
    }

    @Test
    void timeoutsOutsideTheSrxProfileAreKeptAtTheNearerBoundAndZeroMeansNever() {
        assertThat(SessionRules.boundedTimeout(5000)).isEqualTo(1440);
        assertThat(SessionRules.boundedTimeout(1)).isEqualTo(10);
        assertThat(SessionRules.boundedTimeout(0)).isZero();
        assertThat(SessionRules.boundedTimeout(-3)).isNull();
        assertThat(SessionRules.boundedTimeout(null)).isNull();
        assertThat(SessionRules.boundedTimeout(30)).isEqualTo(30);
    }

    @Test
    void aTimeoutOfZeroNeverExpiresWhetherTheEventsOwnOrTheDefault() {
        var own = apply(null, ev(Operation.LOGON, "alice", T0.minus(Duration.ofDays(400)), 0));
        assertThat(own.row().active()).isTrue();
        assertThat(own.row().expiresAt()).isNull();
        assertThat(own.change().expiresAt()).isNull();
        var byDefault = SessionRules.apply(null, ev(Operation.LOGON, "bob", T0), List.of(), 0, NOW);
        assertThat(byDefault.row().expiresAt()).isNull();
        assertThat(byDefault.row().timeoutMinutes()).isNull();
    }
}
