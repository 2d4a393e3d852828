package io.openjims.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A documented short variable sets its property; the property itself wins; without either the default applies. */
class EnvAliasesTest {

    /** src/test/resources/META-INF/openjims-env-aliases.properties maps the port to OPENJIMS_EXAMPLE_SHORT_PORT. */
    private static int port(Map<String, String> sources) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withInterceptors(new EnvAliases())
                .withSources(new PropertiesConfigSource(sources, "test", 300))
                // Where a @ConfigMapping's @WithDefault values end up.
                .withDefaultValue("openjims.example.port", "5514")
                .build();
        return config.getValue("openjims.example.port", Integer.class);
    }

    @Test
    void theDefaultAppliesWhenNothingIsSet() {
        assertThat(port(Map.of())).isEqualTo(5514);
    }

    @Test
    void theShortVariableSetsTheProperty() {
        assertThat(port(Map.of("OPENJIMS_EXAMPLE_SHORT_PORT", "6000"))).isEqualTo(6000);
    }

    @Test
    void thePropertyItselfWinsOverTheShortVariable() {
        assertThat(port(Map.of("OPENJIMS_EXAMPLE_SHORT_PORT", "6000", "openjims.example.port", "7000")))
                .isEqualTo(7000);
    }

    @Test
    void aliasesAreReadFromEveryResourceOnTheClassPath() {
        assertThat(EnvAliases.load(getClass().getClassLoader()))
                .containsEntry("openjims.example.port", "OPENJIMS_EXAMPLE_SHORT_PORT");
    }
}
