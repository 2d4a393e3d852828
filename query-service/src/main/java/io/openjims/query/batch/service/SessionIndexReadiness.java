package io.openjims.query.batch.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the session index has loaded the view (or is turned off, or gave up on its cap). */
@Readiness
@ApplicationScoped
public class SessionIndexReadiness implements HealthCheck {

    private final SessionIndexFeed feed;
    private final SessionIndex index;

    public SessionIndexReadiness(SessionIndexFeed feed, SessionIndex index) {
        this.feed = feed;
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("session-index")
                .status(feed.ready())
                .withData("sessions", index.size())
                .withData("serving", index.serving())
                .build();
    }
}
