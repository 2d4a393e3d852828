package io.openjims.collector.status.service;

import io.openjims.collector.config.CollectorConfig;
import io.openjims.collector.status.repository.CollectorSettingRepository;
import io.openjims.model.CollectorStatus;
import io.openjims.support.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Reads this collector's status for admins and stores the admin-set description (published at once). */
@ApplicationScoped
public class CollectorAdminService {

    public static final int MAX_DESCRIPTION = 500;

    private final CollectorSettingRepository settings;
    private final CollectorHeartbeat heartbeat;
    private final SourceHealth health;
    private final CollectorConfig config;

    public CollectorAdminService(
            CollectorSettingRepository settings,
            CollectorHeartbeat heartbeat,
            SourceHealth health,
            CollectorConfig config) {
        this.settings = settings;
        this.heartbeat = heartbeat;
        this.health = health;
        this.config = config;
    }

    /** The trimmed description; 400 {@code invalid_request} when too long or holding a control character. */
    public static String validDescription(String raw) {
        String description = raw.trim();
        if (description.length() > MAX_DESCRIPTION) {
            throw new ApiException(
                    400, "invalid_request", "description is longer than " + MAX_DESCRIPTION + " characters");
        }
        if (description.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(400, "invalid_request", "description contains a control character");
        }
        return description;
    }

    public Uni<CollectorView> view() {
        return Panache.withSession(() -> settings.value(CollectorSettingRepository.DESCRIPTION))
                .map(description -> view(description.orElse(config.description())));
    }

    public Uni<CollectorView> setDescription(String description) {
        return Panache.withTransaction(() -> settings.put(CollectorSettingRepository.DESCRIPTION, description))
                .invoke(heartbeat::publishSoon)
                .map(ignored -> view(description));
    }

    private CollectorView view(String description) {
        CollectorStatus current = heartbeat.current(description);
        CollectorStatus last = heartbeat.lastPublished();
        Instant lastUpdate = last != null ? last.lastUpdate() : current.lastUpdate();
        return new CollectorView(
                current.collectorId(),
                current.version(),
                current.state(),
                description,
                lastUpdate,
                health.failures(),
                current.counters());
    }
}
