package io.openjims.devinfra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.devinfra.local.LocalStackOptions.Port;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackOptionsTest {

    @TempDir
    Path root;

    @Test
    void defaultsAreTheDesignPorts() {
        LocalStackOptions options = LocalStackOptions.parse(root, List.of(), Map.of());
        assertThat(options.port(Port.QUERY)).isEqualTo(8443);
        assertThat(options.port(Port.COLLECTOR)).isEqualTo(8444);
        assertThat(options.port(Port.PUSH)).isEqualTo(8445);
        assertThat(options.port(Port.SYSLOG)).isEqualTo(5514);
        assertThat(options.port(Port.SYSLOG_TLS)).isEqualTo(6514);
        assertThat(options.port(Port.RADIUS)).isEqualTo(1813);
        assertThat(options.dataDirectory()).isEqualTo(root.toAbsolutePath().resolve(".local"));
        assertThat(options.fresh()).isFalse();
        assertThat(options.demo()).isFalse();
        assertThat(options.adminClientId()).isEmpty();
    }

    @Test
    void servicesRunOnASmallSerialHeapWithoutMetaspaceFullCollections() {
        LocalStackOptions options = LocalStackOptions.parse(root, List.of(), Map.of());
        assertThat(options.serviceJvmOptions())
                .containsExactly("-Xmx512m", "-XX:+UseSerialGC", "-XX:MetaspaceSize=128m");
    }

    @Test
    void flagsOverrideTheEnvironmentWhichOverridesDefaults() {
        Map<String, String> env = Map.of(
                "OPENJIMS_LOCAL_QUERY_PORT", "9443",
                "OPENJIMS_LOCAL_PUSH_PORT", "9445",
                "OPENJIMS_ADMIN_CLIENT_ID", "boss",
                "OPENJIMS_ADMIN_CLIENT_SECRET", "s3cret");
        LocalStackOptions options = LocalStackOptions.parse(
                root, List.of("--push-port", "7445", "--syslog-port=1514", "--fresh", "--demo"), env);
        assertThat(options.port(Port.QUERY)).isEqualTo(9443);
        assertThat(options.port(Port.PUSH)).isEqualTo(7445);
        assertThat(options.port(Port.SYSLOG)).isEqualTo(1514);
        assertThat(options.fresh()).isTrue();
        assertThat(options.demo()).isTrue();
        assertThat(options.adminClientId()).contains("boss");
        assertThat(options.adminClientSecret()).contains("s3cret");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> LocalStackOptions.parse(root, List.of("--query-port", "http"), Map.of()))
                .hasMessageContaining("--query-port")
                .hasMessageContaining("'http' is not a port");
        assertThatThrownBy(() -> LocalStackOptions.parse(root, List.of("--colour"), Map.of()))
                .hasMessageContaining("Unknown option --colour");
        assertThatThrownBy(() -> LocalStackOptions.parse(root, List.of("--push-port"), Map.of()))
                .hasMessageContaining("--push-port needs a value");
        assertThatThrownBy(() -> LocalStackOptions.parse(root, List.of(), Map.of("OPENJIMS_LOCAL_KAFKA_PORT", "70000")))
                .hasMessageContaining("OPENJIMS_LOCAL_KAFKA_PORT");
        assertThat(LocalStackOptions.usage())
                .contains("--fresh", "--demo", "OPENJIMS_LOCAL_SYSLOG_TLS_PORT", "--radius-port");
    }

    @Test
    void aPortInUseStopsTheStartWithAMessageNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            LocalStackOptions options = new LocalStackOptions(root)
                    .freePorts()
                    .port(Port.COLLECTOR, taken.getLocalPort())
                    .printBanner(false);
            assertThatThrownBy(() -> LocalStack.start(options))
                    .isInstanceOf(LocalStack.PortInUseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + "/tcp")
                    .hasMessageContaining("collector-service HTTPS")
                    .hasMessageContaining("--collector-port N");
        }
        // Nothing was started or written before the check.
        assertThat(Files.exists(root.resolve(".local/kafka"))).isFalse();
    }
}
