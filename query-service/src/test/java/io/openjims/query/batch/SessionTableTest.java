package io.openjims.query.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.query.batch.service.IndexedSession;
import io.openjims.query.batch.service.SessionTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The session index's maps against a plain HashMap model. */
class SessionTableTest {

    private static IndexedSession session(String ip, String domain, String user) {
        return new IndexedSession(
                ip, domain, user, user.toLowerCase(), List.of("staff"), null, null, "syslog", 0, IndexedSession.NEVER);
    }

    @Test
    void ipv4AndOtherAddressesAndUsersAreFoundReplacedAndRemoved() {
        SessionTable t = new SessionTable();
        t.put(session("10.0.0.1", "a.example", "Alice"));
        t.put(session("255.255.255.255", "a.example", "alice"));
        t.put(session("0.0.0.0", "b.example", "bob"));
        t.put(session("2001:db8::1", "a.example", "alice"));
        assertThat(t.size()).isEqualTo(4);
        assertThat(t.get("10.0.0.1").ip()).isEqualTo("10.0.0.1");
        assertThat(t.get("255.255.255.255").ip()).isEqualTo("255.255.255.255");
        assertThat(t.get("0.0.0.0").domain()).isEqualTo("b.example");
        assertThat(t.get("2001:db8::1").ip()).isEqualTo("2001:db8::1");
        assertThat(t.get("10.0.0.2")).isNull();
        assertThat(t.get("010.0.0.1")).isNull(); // not canonical: another key, none stored
        assertThat(t.ofUser("a.example", "alice"))
                .extracting(IndexedSession::ip)
                .containsExactlyInAnyOrder("10.0.0.1", "255.255.255.255", "2001:db8::1");
        assertThat(t.users()).isEqualTo(2);

        // Another user takes an address: it leaves the first user's list.
        t.put(session("10.0.0.1", "b.example", "bob"));
        assertThat(t.ofUser("a.example", "alice"))
                .extracting(IndexedSession::ip)
                .containsExactlyInAnyOrder("255.255.255.255", "2001:db8::1");
        assertThat(t.ofUser("b.example", "bob")).hasSize(2);

        assertThat(t.remove("2001:db8::1")).isNotNull();
        assertThat(t.remove("255.255.255.255")).isNotNull();
        assertThat(t.remove("255.255.255.255")).isNull();
        assertThat(t.ofUser("a.example", "alice")).isEmpty();
        assertThat(t.users()).isEqualTo(1);
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void randomOperationsAgreeWithAHashMapModel() {
        Random random = new Random(42);
        SessionTable t = new SessionTable(16);
        Map<String, IndexedSession> model = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            String ip = random.nextInt(8) == 0
                    ? "fd00::" + Integer.toHexString(random.nextInt(500))
                    : "10." + random.nextInt(4) + "." + random.nextInt(16) + "." + random.nextInt(64);
            if (random.nextInt(3) == 0) {
                assertThat(t.remove(ip)).isSameAs(model.remove(ip));
            } else {
                IndexedSession s = session(ip, "d" + random.nextInt(3) + ".example", "u" + random.nextInt(300));
                t.put(s);
                model.put(ip, s);
            }
            if (step % 5_000 == 0) {
                check(t, model);
            }
        }
        check(t, model);
    }

    private static void check(SessionTable t, Map<String, IndexedSession> model) {
        assertThat(t.size()).isEqualTo(model.size());
        Map<String, List<String>> byUser = new HashMap<>();
        for (IndexedSession s : model.values()) {
            assertThat(t.get(s.ip())).isSameAs(s);
            byUser.computeIfAbsent(s.domain() + "/" + s.userLc(), k -> new ArrayList<>())
                    .add(s.ip());
        }
        assertThat(t.users()).isEqualTo(byUser.size());
        byUser.forEach((key, ips) -> {
            String[] du = key.split("/");
            assertThat(t.ofUser(du[0], du[1])).extracting(IndexedSession::ip).containsExactlyInAnyOrderElementsOf(ips);
        });
    }
}
