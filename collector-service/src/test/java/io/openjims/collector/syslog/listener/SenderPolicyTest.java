package io.openjims.collector.syslog.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.collector.syslog.config.SyslogConfig;
import io.openjims.collector.syslog.service.SenderScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pure logic: the allow-list with its {@code none} token and the named senders' scopes. */
class SenderPolicyTest {

    record Sender(List<String> addresses, Optional<List<String>> domains, Optional<List<String>> addressRanges)
            implements SyslogConfig.Sender {}

    private static Sender sender(String addresses, String domains) {
        return new Sender(List.of(addresses.split(",")), Optional.of(List.of(domains)), Optional.empty());
    }

    @Test
    void noneAdmitsNobodyAndCannotBeMixedWithAddresses() {
        SenderPolicy closed = SenderPolicy.of(List.of("none"), Map.of());
        assertThat(closed.admitsNobody()).isTrue();
        assertThat(closed.allows("127.0.0.1")).isFalse();
        assertThatThrownBy(() -> SenderPolicy.of(List.of("none", "10.0.0.1"), Map.of()))
                .hasMessageContaining("openjims.collector.syslog.allowed-senders");
    }

    @Test
    void unsetAdmitsEveryoneUntilANamedSenderIsConfigured() {
        assertThat(SenderPolicy.of(List.of(), Map.of()).allows("192.0.2.9")).isTrue();
        SenderPolicy named = SenderPolicy.of(List.of(), Map.of("dc", sender("10.0.0.0/8", "example.com")));
        assertThat(named.allows("10.1.2.3")).isTrue();
        assertThat(named.allows("192.0.2.9")).isFalse();
        assertThat(named.admitsNobody()).isFalse();
    }

    @Test
    void theLongestMatchingPrefixPicksTheScopeAndPlainEntriesStayUnrestricted() {
        SenderPolicy policy = SenderPolicy.of(
                List.of("192.0.2.0/24"),
                Map.of("wide", sender("10.0.0.0/8", "wide.example"), "dc01", sender("10.1.1.1", "example.com")));
        assertThat(policy.scopeOf("10.1.1.1").name()).isEqualTo("dc01");
        assertThat(policy.scopeOf("10.9.9.9").name()).isEqualTo("wide");
        assertThat(policy.scopeOf("192.0.2.7")).isEqualTo(SenderScope.UNRESTRICTED);
        assertThat(policy.scopeOf("10.1.1.1").scope().domains()).containsExactly("example.com");
    }

    @Test
    void badEntriesNameTheSetting() {
        assertThatThrownBy(() -> SenderPolicy.of(List.of(), Map.of("dc", sender("10.0.0.999", "example.com"))))
                .hasMessageContaining("openjims.collector.syslog.senders.\"dc\".addresses");
        assertThatThrownBy(() -> SenderPolicy.of(
                        List.of(),
                        Map.of("dc", new Sender(List.of("10.0.0.1"), Optional.empty(), Optional.of(List.of("x/99"))))))
                .hasMessageContaining("openjims.collector.syslog.senders.\"dc\".address-ranges");
    }
}
