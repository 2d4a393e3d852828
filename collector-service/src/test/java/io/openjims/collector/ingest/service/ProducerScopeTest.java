package io.openjims.collector.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a producer may claim. Pure logic. */
class ProducerScopeTest {

    private static IdentityEvent event(String domain, String ip, List<String> roles) {
        Instant now = Instant.now();
        return new IdentityEvent(
                "id",
                1,
                Operation.LOGON,
                ip,
                domain,
                "alice",
                roles,
                null,
                null,
                null,
                new EventSource("c", "json", "p"),
                now,
                now);
    }

    @Test
    void emptyListsDoNotRestrict() {
        ProducerScope any = new ProducerScope(List.of(), null, false);
        assertThat(any.refusal(event("anything", "192.0.2.1", null))).isNull();
    }

    @Test
    void domainsAndRangesRestrict() {
        ProducerScope scope = ProducerScope.validated(List.of("Example.COM", "corp"), List.of("10.1.0.0/16"), false);
        assertThat(scope.refusal(event("EXAMPLE.com", "10.1.2.3", null))).isNull();
        assertThat(scope.refusal(event("CORP", "10.1.2.3", null))).isNull();
        assertThat(scope.refusal(event("other.example", "10.1.2.3", null)).reason())
                .isEqualTo("domain");
        assertThat(scope.refusal(event(null, "10.1.2.3", null)).reason()).isEqualTo("domain");
        assertThat(scope.refusal(event("corp", "10.2.0.1", null)).reason()).isEqualTo("address");
    }

    @Test
    void rolesAreDroppedUnlessTrusted() {
        assertThat(new ProducerScope(List.of(), List.of(), false).dropsRolesOf(event("d", "10.0.0.1", List.of("x"))))
                .isTrue();
        assertThat(new ProducerScope(List.of(), List.of(), true).dropsRolesOf(event("d", "10.0.0.1", List.of("x"))))
                .isFalse();
        assertThat(new ProducerScope(List.of(), List.of(), false).dropsRolesOf(event("d", "10.0.0.1", null)))
                .isFalse();
    }

    @Test
    void badEntriesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> ProducerScope.validated(List.of(), List.of("10.0.0.0/40"), false))
                .hasMessageStartingWith("address_ranges:");
        assertThatThrownBy(() -> ProducerScope.validated(List.of(" "), List.of(), false))
                .hasMessageStartingWith("domains:");
    }
}
