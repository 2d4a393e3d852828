package io.openjims.collector.radius.service;

import io.openjims.collector.ingest.service.ProducerScope;
import io.openjims.collector.radius.repository.RadiusClientEntity;
import io.openjims.collector.radius.repository.RadiusClientRepository;
import io.openjims.collector.syslog.listener.SenderAllowList;
import io.openjims.model.kafka.JsonCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The RADIUS clients the listener accepts, with their decrypted secrets, read from the database at start, after every
 * change through this replica's admin API and every {@code clients-refresh-interval}. Lookups are by the request's
 * source address: an exact address first, else the longest matching CIDR prefix. Thread-safe (an immutable table
 * swapped as a whole).
 */
@ApplicationScoped
public class RadiusClients {

    private static final Logger LOG = Logger.getLogger(RadiusClients.class);

    private record Prefix(SenderAllowList range, ActiveClient client) {}

    private record Table(Map<String, ActiveClient> exact, List<Prefix> prefixes) {}

    private final RadiusClientRepository repository;
    private final RadiusSecrets secrets;
    private volatile Table table = new Table(Map.of(), List.of());

    public RadiusClients(RadiusClientRepository repository, RadiusSecrets secrets) {
        this.repository = repository;
        this.secrets = secrets;
    }

    /** The client for a source address (canonical form), or null: the request is dropped. */
    public ActiveClient match(String source) {
        Table current = table;
        ActiveClient exact = current.exact().get(source);
        if (exact != null) {
            return exact;
        }
        ActiveClient best = null;
        int longest = -1;
        for (Prefix prefix : current.prefixes()) {
            int bits = prefix.range().longestMatch(source);
            if (bits > longest) {
                longest = bits;
                best = prefix.client();
            }
        }
        return best;
    }

    /** Clients in the table now. */
    public int size() {
        return table.exact().size() + table.prefixes().size();
    }

    @Scheduled(every = "${openjims.collector.radius.clients-refresh-interval}", delayed = "10s")
    Uni<Void> refresh() {
        return reload().onFailure()
                .invoke(e -> LOG.debugf("RADIUS clients not refreshed: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    /** Re-reads every client from the database into the table. */
    public Uni<Void> reload() {
        return Panache.withSession(repository::listByName).invoke(this::replace).replaceWithVoid();
    }

    private void replace(List<RadiusClientEntity> entities) {
        Map<String, ActiveClient> exact = new HashMap<>();
        List<Prefix> prefixes = new ArrayList<>();
        for (RadiusClientEntity entity : entities) {
            String secret;
            try {
                secret = secrets.decrypt(entity.secretEnc, entity.id);
            } catch (IllegalStateException e) {
                LOG.warnf("RADIUS client %s (%s) is skipped: %s", entity.name, entity.address, e.getMessage());
                continue;
            }
            ActiveClient client = new ActiveClient(
                    entity.id,
                    entity.name,
                    entity.address,
                    secret.getBytes(StandardCharsets.UTF_8),
                    entity.defaultDomain,
                    scope(entity));
            if (entity.address.indexOf('/') < 0) {
                exact.put(entity.address, client);
            } else {
                prefixes.add(new Prefix(SenderAllowList.of(List.of(entity.address)), client));
            }
        }
        table = new Table(Map.copyOf(exact), List.copyOf(prefixes));
    }

    /** The producer scope a row holds. */
    public static ProducerScope scope(RadiusClientEntity entity) {
        return new ProducerScope(strings(entity.domains), strings(entity.addressRanges), entity.trustAssertedRoles);
    }

    private static List<String> strings(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return List.of(JsonCodec.fromJson(json, String[].class));
    }
}
