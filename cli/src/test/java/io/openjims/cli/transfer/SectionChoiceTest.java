package io.openjims.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Service;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SectionChoiceTest {

    private final Bundle bundle = new Bundle(
            Instant.EPOCH,
            Map.of(
                    Service.COLLECTOR, BundleTest.document("collector", "directories", "syslog_rules", "settings"),
                    Service.QUERY, BundleTest.document("query", "api_clients", "settings"),
                    Service.PUSH, BundleTest.document("push", "tenants")));

    @Test
    void aBareNamePicksItInEveryServiceThatHasIt() {
        assertThat(SectionChoice.choose(bundle, List.of("directories")))
                .containsExactly(Map.entry(Service.COLLECTOR, List.of("directories")));
        assertThat(SectionChoice.choose(bundle, List.of("settings", "tenants")))
                .containsExactly(
                        Map.entry(Service.COLLECTOR, List.of("settings")),
                        Map.entry(Service.QUERY, List.of("settings")),
                        Map.entry(Service.PUSH, List.of("tenants")));
    }

    @Test
    void aQualifiedNamePicksOneService() {
        assertThat(SectionChoice.choose(bundle, List.of("query.settings", " directories ")))
                .containsExactly(
                        Map.entry(Service.COLLECTOR, List.of("directories")),
                        Map.entry(Service.QUERY, List.of("settings")));
    }

    @Test
    void aSectionTheFileLacksIsAUsageErrorListingWhatItHas() {
        assertThatThrownBy(() -> SectionChoice.choose(bundle, List.of("radius_clients")))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("no section \"radius_clients\"")
                .hasMessageContaining("collector.directories, collector.syslog_rules")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> SectionChoice.choose(bundle, List.of("push.settings")))
                .hasMessageContaining("no section \"push.settings\"");
    }
}
