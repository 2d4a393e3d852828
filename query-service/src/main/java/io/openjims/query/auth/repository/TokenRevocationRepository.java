package io.openjims.query.auth.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Writes the revocation outbox ({@code query.token_revocation}) on request paths, inside their transaction. */
@ApplicationScoped
public class TokenRevocationRepository {

    /** Records that the client's tokens issued under a secret set before {@code notBefore} are revoked. */
    public Uni<Void> revoke(String clientId, Instant notBefore, String reason) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                                INSERT INTO query.token_revocation (client_id, not_before, reason, published)
                                VALUES (:id, :nb, :reason, false)
                                ON CONFLICT (client_id) DO UPDATE SET
                                    not_before = GREATEST(query.token_revocation.not_before, EXCLUDED.not_before),
                                    reason = EXCLUDED.reason,
                                    published = false
                                """)
                        .setParameter("id", clientId)
                        .setParameter("nb", notBefore)
                        .setParameter("reason", reason)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
