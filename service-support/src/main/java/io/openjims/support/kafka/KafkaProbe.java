package io.openjims.support.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Asks a Kafka cluster for its nodes within a bounded time, so a caller never hangs on a dead broker. */
public final class KafkaProbe implements AutoCloseable {

    /** The outcome of one probe: the node count, or why the cluster did not answer. */
    public record Result(boolean up, int nodes, String error) {}

    private final Admin admin;
    private final int timeoutMs;

    /** {@code settings}: at least {@code bootstrap.servers} (see {@link KafkaClientSettings}). */
    public KafkaProbe(Map<String, Object> settings, String clientId, Duration timeout) {
        this.timeoutMs = (int) timeout.toMillis();
        Map<String, Object> config = KafkaClientSettings.adminOnly(settings);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        this.admin = Admin.create(config);
    }

    /** Probes once. */
    public Result probe() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes()
                    .get(timeoutMs + 500L, TimeUnit.MILLISECONDS)
                    .size();
            return new Result(true, nodes, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, 0, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return new Result(false, 0, "unreachable: " + cause.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
