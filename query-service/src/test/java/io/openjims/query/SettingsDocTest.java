package io.openjims.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.devinfra.SettingsDoc;
import org.junit.jupiter.api.Test;

/** Each default is written once (its `@WithDefault`) and README.md's settings table says what the code does. */
class SettingsDocTest {

    private final SettingsDoc doc = SettingsDoc.of("query");

    @Test
    void applicationPropertiesRepeatsNoDefault() {
        assertThat(doc.settings()).isNotEmpty();
        assertThat(doc.repeatedInApplicationProperties())
                .as(
                        "set in the @ConfigMapping (@WithDefault) or in src/main/resources/META-INF/openjims-env-aliases.properties instead")
                .isEmpty();
    }

    @Test
    void readmeTableMatchesTheCode() {
        assertThat(doc.checkReadme("query-service")).isEmpty();
    }
}
