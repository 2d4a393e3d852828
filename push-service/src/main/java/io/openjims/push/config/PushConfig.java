package io.openjims.push.config;

import io.openjims.model.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of push-service ({@code openjims.push.*}). */
@ConfigMapping(prefix = "openjims.push")
public interface PushConfig {

    /** Topic names. */
    TopicNames topics();

    interface TopicNames {

        @WithDefault(Topics.SESSIONS)
        String sessions();

        @WithDefault(Topics.DIRECTORY)
        String directory();

        @WithDefault(Topics.COLLECTORS)
        String collectors();
    }
}
