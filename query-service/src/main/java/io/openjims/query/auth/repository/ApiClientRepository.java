package io.openjims.query.auth.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ApiClientRepository implements PanacheRepositoryBase<ApiClientEntity, String> {

    public Uni<List<ApiClientEntity>> listByCreation() {
        return listAll(Sort.by("createdAt").and("clientId"));
    }

    /** Replaces the secret hash; returns the number of rows changed (0 for an unknown id). Call in a transaction. */
    public Uni<Integer> updateSecret(String clientId, String secretHash, Instant changedAt) {
        return update("secretHash = ?1, secretChangedAt = ?2 where clientId = ?3", secretHash, changedAt, clientId);
    }

    /**
     * Creates the configured admin client or, when it exists, gives it the configured secret and adds role admin
     * (other roles and the name stay). One statement, so replicas starting together cannot collide.
     */
    public Uni<Void> upsertConfiguredAdmin(String clientId, String name, String secretHash, Instant now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                                INSERT INTO query.api_client
                                    (client_id, name, roles, secret_hash, origin, created_at, secret_changed_at)
                                VALUES (:id, :name, ARRAY['admin']::text[], :hash, 'config', :now, :now)
                                ON CONFLICT (client_id) DO UPDATE SET
                                    secret_hash = EXCLUDED.secret_hash,
                                    secret_changed_at = EXCLUDED.secret_changed_at,
                                    roles = CASE WHEN 'admin' = ANY (query.api_client.roles)
                                                 THEN query.api_client.roles
                                                 ELSE query.api_client.roles || ARRAY['admin']::text[] END,
                                    origin = 'config'
                                """)
                        .setParameter("id", clientId)
                        .setParameter("name", name)
                        .setParameter("hash", secretHash)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
