package io.openjims.query.auth.service;

import io.openjims.query.auth.repository.ClientLastSeenJdbcRepository;
import io.openjims.support.activity.LastSeen;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Records when API clients were last seen (a token issued, an SRX query): a map update on the request path, stored
 * in {@code query.api_client.last_seen_at} by a flush every few seconds, at most once per client and resolution.
 */
@ApplicationScoped
public class ClientActivity {

    private final LastSeen lastSeen;
    private final ClientLastSeenJdbcRepository repository;

    public ClientActivity(AuthConfig config, ClientLastSeenJdbcRepository repository) {
        this.lastSeen = new LastSeen(config.lastSeenResolution(), Clock.systemUTC());
        this.repository = repository;
    }

    /** Notes that the client was seen now (cheap; stored by the next flush). */
    public void seen(String clientId) {
        lastSeen.seen(clientId);
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        repository.store(lastSeen);
    }
}
