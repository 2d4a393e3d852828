package io.openjims.query.auth.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;

/**
 * Runs CPU-heavy work (PBKDF2, RSA signing) on a worker thread and resumes on the caller's Vert.x context, so
 * Hibernate Reactive calls that follow stay on their event loop.
 */
@ApplicationScoped
public class Offload {

    private final Vertx vertx;

    public Offload(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(Callable<T> work) {
        return Uni.createFrom()
                .completionStage(() -> vertx.executeBlocking(work, false).toCompletionStage());
    }
}
