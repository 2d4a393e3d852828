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
        return update(
                "secretHash = ?1, secretChangedAt = ?2, secretSetBy = ?3 where clientId = ?4",
                secretHash,
                changedAt,
                ApiClientEntity.ORIGIN_API,
                clientId);
    }

    /**
     * Creates the configured admin client or, when it exists, gives it the configured secret and adds role admin
     * (other roles and the name stay). One statement, so replicas starting together cannot collide. The caller decides
     * whether an existing secret may be replaced (AdminClientBootstrap).
     */
    public Uni<Void> upsertConfiguredAdmin(String clientId, String name, String secretHash, Instant now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                                INSERT INTO query.api_client
                                    (client_id, name, roles, secret_hash, origin, created_at, secret_changed_at,
                                     secret_set_by)
                                VALUES (:id, :name, ARRAY['admin']::text[], :hash, 'config', :now, :now, 'config')
                                ON CONFLICT (client_id) DO UPDATE SET
                                    secret_hash = EXCLUDED.secret_hash,
                                    secret_changed_at = EXCLUDED.secret_changed_at,
                                    secret_set_by = 'config',
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

    /** Creates the configured admin client unless a client with this id exists (then nothing changes). */
    public Uni<Integer> insertConfiguredAdmin(String clientId, String name, String secretHash, Instant now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                                INSERT INTO query.api_client
                                    (client_id, name, roles, secret_hash, origin, created_at, secret_changed_at,
                                     secret_set_by)
                                VALUES (:id, :name, ARRAY['admin']::text[], :hash, 'config', :now, :now, 'config')
                                ON CONFLICT (client_id) DO NOTHING
                                """)
                        .setParameter("id", clientId)
                        .setParameter("name", name)
                        .setParameter("hash", secretHash)
                        .setParameter("now", now)
                        .executeUpdate());
    }

    /** Adds role admin to the configured admin client when it lacks it; its secret stays. */
    public Uni<Integer> addAdminRole(String clientId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                                UPDATE query.api_client SET roles = roles || ARRAY['admin']::text[]
                                WHERE client_id = :id AND NOT ('admin' = ANY (roles))
                                """)
                        .setParameter("id", clientId)
                        .executeUpdate());
    }
}
