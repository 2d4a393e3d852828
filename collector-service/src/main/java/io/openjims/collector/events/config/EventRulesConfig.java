package io.openjims.collector.events.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What every identity event must satisfy before it is published, on every path ({@code openjims.collector.events.*}). */
@ConfigMapping(prefix = "openjims.collector.events")
public interface EventRulesConfig {

    /** How far ahead of the receive time an event may be dated (a sender's clock may run a little fast). */
    @WithDefault("5m")
    Duration maxFutureSkew();

    /** What happens to an event dated further ahead: {@code clamp} (keep it at its receive time) or {@code reject}. */
    @WithDefault("clamp")
    FutureTime futureTime();

    enum FutureTime {
        CLAMP,
        REJECT
    }
}
