package io.openjims.query.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.query.view.model.ChangeRow;
import io.openjims.query.view.model.StoredChange;
import io.openjims.query.view.repository.ChangeLogJdbcRepository;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writers hold their transaction open for a while after taking sequence numbers; a reader that always
 * asks for "rows after the last seq I saw" must never find a gap, and must end up with every row.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChangeLogConcurrencyTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    ChangeLogJdbcRepository writer;

    @Test
    void concurrentWritersNeverLetAReaderSkipASequenceNumber() throws Exception {
        long start = ViewDb.count(ds, "SELECT last_seq FROM query.change_counter WHERE id = 1");
        int writers = 4;
        int transactions = 40;
        ConcurrentLinkedQueue<Long> written = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> gaps = Collections.synchronizedList(new ArrayList<>());
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        Future<?> reader = pool.submit(() -> {
            long cursor = start;
            try (Connection c = ds.getConnection()) {
                while (true) {
                    boolean last = !writing.get();
                    List<Long> batch = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT seq FROM query.change_log WHERE seq > ? ORDER BY seq LIMIT 50")) {
                        ps.setLong(1, cursor);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                batch.add(rs.getLong(1));
                            }
                        }
                    }
                    for (long seq : batch) {
                        if (seq != cursor + 1) {
                            gaps.add("after " + cursor + " came " + seq);
                        }
                        cursor = seq;
                        seen.add(seq);
                    }
                    if (last && batch.isEmpty()) {
                        return null;
                    }
                }
            }
        });
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writerId = w;
            futures.add(pool.submit(() -> {
                for (int t = 0; t < transactions; t++) {
                    String ip = "198.18." + writerId + "." + t;
                    Instant at = Instant.now();
                    List<ChangeRow> rows = List.of(
                            new ChangeRow(
                                    "c-" + ip + "-on",
                                    "logon",
                                    ip,
                                    "example.com",
                                    "w",
                                    List.of(),
                                    null,
                                    null,
                                    "test",
                                    null,
                                    null,
                                    at,
                                    at,
                                    at.plusSeconds(60)),
                            new ChangeRow(
                                    "c-" + ip + "-off",
                                    "logoff",
                                    ip,
                                    "example.com",
                                    "w",
                                    null,
                                    null,
                                    null,
                                    "test",
                                    null,
                                    null,
                                    at,
                                    at,
                                    null));
                    try (Connection c = ds.getConnection()) {
                        c.setAutoCommit(false);
                        for (StoredChange s : writer.append(c, rows)) {
                            written.add(s.seq());
                        }
                        // Hold the transaction open after taking the numbers, as a slow writer would.
                        try (PreparedStatement ps = c.prepareStatement("SELECT pg_sleep(?)")) {
                            ps.setDouble(1, ThreadLocalRandom.current().nextInt(5) / 1000.0);
                            ps.execute();
                        }
                        c.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        writing.set(false);
        reader.get();
        pool.shutdown();

        assertThat(gaps).isEmpty();
        assertThat(written).hasSize(writers * transactions * 2);
        assertThat(seen).containsAll(written);
        assertThat(seen).doesNotHaveDuplicates().isSorted();
    }
}
