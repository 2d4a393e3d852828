package io.openjims.collector.radius.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.collector.radius.service.RadiusSessions.Tracked;
import org.junit.jupiter.api.Test;

class RadiusSessionsTest {

    @Test
    void aStopOfAnotherSessionLeavesTheAddressToTheNewerOne() {
        RadiusSessions sessions = new RadiusSessions(10);
        sessions.opened(new Tracked("10.0.0.1", "192.0.2.1", "S1", "bob", "EXAMPLE"));
        sessions.opened(new Tracked("10.0.0.1", "192.0.2.2", "S2", "bob", "EXAMPLE"));

        assertThat(sessions.stopped("10.0.0.1", "S1")).isFalse();
        assertThat(sessions.current("10.0.0.1").sessionId()).isEqualTo("S2");
        assertThat(sessions.stopped("10.0.0.1", "S2")).isTrue();
        assertThat(sessions.current("10.0.0.1")).isNull();
        // Nothing held, or no session id on either side: the Stop counts.
        assertThat(sessions.stopped("10.0.0.9", "S9")).isTrue();
        sessions.opened(new Tracked("10.0.0.2", "192.0.2.1", null, "carol", null));
        assertThat(sessions.stopped("10.0.0.2", "S3")).isTrue();
    }

    @Test
    void accountingOnEndsOnlyTheSessionsOfItsNasAndTheTableIsBounded() {
        RadiusSessions sessions = new RadiusSessions(3);
        sessions.opened(new Tracked("10.0.0.1", "192.0.2.1", "a", "u1", null));
        sessions.opened(new Tracked("10.0.0.2", "192.0.2.2", "b", "u2", null));
        sessions.opened(new Tracked("10.0.0.3", "192.0.2.1", "c", "u3", null));

        assertThat(sessions.endAllOf("192.0.2.1")).extracting(Tracked::ip).containsExactly("10.0.0.1", "10.0.0.3");
        assertThat(sessions.size()).isEqualTo(1);

        sessions.opened(new Tracked("10.0.0.4", "192.0.2.1", "d", "u4", null));
        sessions.opened(new Tracked("10.0.0.5", "192.0.2.1", "e", "u5", null));
        // An update moves a session to the newest end, so it is forgotten last.
        sessions.opened(new Tracked("10.0.0.2", "192.0.2.2", "b", "u2", null));
        sessions.opened(new Tracked("10.0.0.6", "192.0.2.1", "f", "u6", null));
        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.current("10.0.0.4")).isNull();
        assertThat(sessions.current("10.0.0.2")).isNotNull();
    }
}
