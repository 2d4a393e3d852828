package io.openjims.query.batch.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.query.batch.config.SessionIndexConfig;
import io.openjims.query.batch.model.FeedPosition;
import io.openjims.query.batch.model.SessionFeedRow;
import io.openjims.query.batch.repository.SessionFeedJdbcRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the {@link SessionIndex} equal to {@code query.session} as every replica writes it. One thread with its own
 * connection LISTENs for the commit notifications of the view's triggers, and at each one (at the latest every
 * {@code poll-interval}) reads, in one snapshot, the rows written by transactions from the previous snapshot's
 * oldest running one on: every write of any replica and path (timer restarts included, the row trigger stamps each
 * write), none missed, some read twice (harmless: the newest state wins). It loads the whole view at start, when the
 * connection was lost (notifications of deleted rows may have been missed), on TRUNCATE, when the change log's epoch
 * changes (database restored or rebuilt) and when transaction ids went backwards (another database).
 */
@ApplicationScoped
public class SessionIndexFeed {

    private static final Logger LOG = Logger.getLogger(SessionIndexFeed.class);
    private static final int APPLY_CHUNK = 2_000;

    private final SessionIndexConfig config;
    private final SessionIndex index;
    private final SessionFeedJdbcRepository feed;
    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final Counter overflows;
    private volatile boolean running;
    private volatile boolean loaded;
    private volatile boolean overflowed;
    private volatile boolean rebuildRequested;
    private Thread thread;
    private volatile Connection connection;
    private long xmin = -1;
    private UUID epoch;

    public SessionIndexFeed(
            SessionIndexConfig config,
            SessionIndex index,
            SessionFeedJdbcRepository feed,
            AgroalDataSource dataSource,
            MeterRegistry registry) {
        this.config = config;
        this.index = index;
        this.feed = feed;
        this.dataSource = dataSource;
        this.registry = registry;
        this.overflows = Counter.builder("openjims.query.index.overflows")
                .description("Times the session index exceeded max-sessions and emptied itself")
                .register(registry);
    }

    void start(@Observes StartupEvent ev) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "session-index-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            closeConnection();
        }
    }

    /** True once the index was loaded (or gave up on its cap), or when it is off: the replica can take queries. */
    public boolean ready() {
        return !config.enabled() || loaded || overflowed;
    }

    /** Loads the whole view again on the next turn (as after a gap). */
    public void requestRebuild() {
        rebuildRequested = true;
    }

    private void run() {
        long backoff = 100;
        long overflowAt = 0;
        while (running) {
            try {
                if (overflowed
                        && System.nanoTime() - overflowAt
                                < config.overflowRetry().toNanos()) {
                    sleepQuietly(Math.min(config.pollInterval().toMillis(), 1000));
                    continue;
                }
                if (connection == null) {
                    connection = dataSource.getConnection();
                    feed.listen(connection);
                    xmin = -1; // notifications may have been missed: load everything
                }
                if (xmin < 0 || rebuildRequested) {
                    rebuildRequested = false;
                    if (!load(xmin < 0 && !loaded ? "start" : "gap")) {
                        overflowed = true;
                        overflowAt = System.nanoTime();
                        continue;
                    }
                    overflowed = false;
                    loaded = true;
                }
                boolean reloadAliases = false;
                for (String[] n : feed.awaitNotifications(
                        connection, (int) config.pollInterval().toMillis())) {
                    if (SessionFeedJdbcRepository.GONE_CHANNEL.equals(n[0])) {
                        if ("*".equals(n[1])) {
                            rebuildRequested = true;
                        } else {
                            index.remove(n[1]);
                        }
                    } else if (SessionFeedJdbcRepository.ALIAS_CHANNEL.equals(n[0])) {
                        reloadAliases = true;
                    }
                }
                if (rebuildRequested) {
                    continue;
                }
                if (reloadAliases) {
                    index.aliases(feed.aliases(connection));
                }
                if (!delta()) {
                    overflowed = true;
                    overflowAt = System.nanoTime();
                }
                backoff = 100;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                LOG.warnf("session index: reading the view failed (%s); retrying", e.toString());
                closeConnection();
                sleepQuietly(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
        closeConnection();
    }

    /** Loads all active sessions; false when they exceed {@code max-sessions}. */
    private boolean load(String reason) throws Exception {
        index.clear();
        Counter.builder("openjims.query.index.rebuilds")
                .tag("reason", reason)
                .description("Full loads of the session index from the view")
                .register(registry)
                .increment();
        long started = System.nanoTime();
        index.aliases(feed.aliases(connection));
        List<SessionFeedRow> chunk = new ArrayList<>(APPLY_CHUNK);
        int[] count = {0};
        FeedPosition at = feed.read(connection, -1, row -> {
            if (++count[0] > config.maxSessions()) {
                return false;
            }
            chunk.add(row);
            if (chunk.size() == APPLY_CHUNK) {
                index.apply(chunk);
                chunk.clear();
            }
            return true;
        });
        if (at == null) {
            overflow(count[0]);
            return false;
        }
        index.apply(chunk);
        xmin = at.xmin();
        epoch = at.epoch();
        index.caughtUp(started, at.head());
        LOG.infof(
                "session index: loaded %d sessions in %d ms (%s)",
                index.size(), (System.nanoTime() - started) / 1_000_000, reason);
        return true;
    }

    /** Reads what was written since the last read; false on overflow. */
    private boolean delta() throws Exception {
        long started = System.nanoTime();
        List<SessionFeedRow> chunk = new ArrayList<>(256);
        FeedPosition at = feed.read(connection, xmin, row -> {
            chunk.add(row);
            if (chunk.size() == APPLY_CHUNK) {
                index.apply(chunk);
                chunk.clear();
            }
            return true;
        });
        index.apply(chunk);
        if (!Objects.equals(at.epoch(), epoch) || Long.compareUnsigned(at.xmin(), xmin) < 0) {
            rebuildRequested = true; // another change log, or another database: load it whole
            return true;
        }
        if (index.size() > config.maxSessions()) {
            overflow(index.size());
            return false;
        }
        xmin = at.xmin();
        index.caughtUp(started, at.head());
        return true;
    }

    private void overflow(int sessions) {
        index.clear();
        overflows.increment();
        xmin = -1;
        closeConnection(); // no LISTEN while waiting: notifications would queue up in PostgreSQL
        LOG.warnf(
                "session index: %d active sessions exceed openjims.query.index.max-sessions (%d); IP and user queries"
                        + " read PostgreSQL, loading again in %s",
                sessions, config.maxSessions(), config.overflowRetry());
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already broken
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
