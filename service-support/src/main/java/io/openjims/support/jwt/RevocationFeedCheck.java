package io.openjims.support.jwt;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the revocation list has been read to the end at start, so no replica serves a revoked token. */
@Readiness
@ApplicationScoped
public class RevocationFeedCheck implements HealthCheck {

    private final RevocationFeed feed;

    public RevocationFeedCheck(RevocationFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("token-revocations").withData("topic", feed.topic());
        if (feed.caughtUp()) {
            return response.up().build();
        }
        return response.down().withData("error", String.valueOf(feed.problem())).build();
    }
}
