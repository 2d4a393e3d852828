package io.openjims.push.delivery.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointPolicyTest {

    private final EndpointPolicy strict = new EndpointPolicy(false, false, List.of("10.96.0.0/12", "fd00:10::/64"));

    @Test
    void thisHostLinkLocalAndDeniedRangesAreRefused() throws Exception {
        assertThat(strict.refusal(InetAddress.getByName("127.0.0.1"))).contains("loopback");
        assertThat(strict.refusal(InetAddress.getByName("::1"))).contains("loopback");
        assertThat(strict.refusal(InetAddress.getByName("169.254.169.254"))).contains("link-local");
        assertThat(strict.refusal(InetAddress.getByName("fe80::1"))).contains("link-local");
        assertThat(strict.refusal(InetAddress.getByName("0.0.0.0"))).contains("unicast");
        assertThat(strict.refusal(InetAddress.getByName("224.0.0.1"))).contains("unicast");
        assertThat(strict.refusal(InetAddress.getByName("10.100.1.2"))).contains("10.96.0.0/12");
        assertThat(strict.refusal(InetAddress.getByName("fd00:10::5"))).contains("fd00:10::/64");
        assertThat(strict.refusal(InetAddress.getByName("10.112.0.1"))).isNull();
        assertThat(strict.refusal(InetAddress.getByName("203.0.113.7"))).isNull();
    }

    @Test
    void loopbackOnlyWhenAllowedAndHttpOnlyWithTheFlag() {
        EndpointPolicy local = new EndpointPolicy(false, true, List.of());
        assertThat(local.refusal(URI.create("https://127.0.0.1:8443/push"))).isNull();
        assertThat(local.refusal(URI.create("http://127.0.0.1:8080/push"))).contains("not https");
        assertThat(new EndpointPolicy(true, true, List.of()).refusal(URI.create("http://127.0.0.1:8080/push")))
                .isNull();
        assertThat(strict.refusal(URI.create("https://127.0.0.1/push"))).contains("resolves to 127.0.0.1");
    }

    @Test
    void badRangesAreNamed() {
        assertThatThrownBy(() -> new EndpointPolicy(false, false, List.of("10.0.0.0/33")))
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> new EndpointPolicy(false, false, List.of("cluster.local/8")))
                .hasMessageContaining("cluster.local/8");
    }
}
