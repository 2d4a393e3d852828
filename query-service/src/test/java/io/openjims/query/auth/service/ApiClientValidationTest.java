package io.openjims.query.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.support.api.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiClientValidationTest {

    @Test
    void rolesAreCheckedDeduplicatedAndOrdered() {
        assertThat(ApiClientService.validateRoles(List.of("admin", "SRX", "srx")))
                .containsExactly("srx", "admin");
        assertThat(ApiClientService.validateRoles(List.of("ingest"))).containsExactly("ingest");
        assertBadRequest(() -> ApiClientService.validateRoles(List.of("root")), "unknown role \"root\"");
        assertBadRequest(() -> ApiClientService.validateRoles(List.of()), "non-empty list of srx, ingest, admin");
        assertBadRequest(() -> ApiClientService.validateRoles(null), "roles is required");
        assertBadRequest(() -> ApiClientService.validateRoles(Arrays.asList("srx", null)), "must not contain null");
    }

    @Test
    void namesAreRequiredTrimmedAndBounded() {
        assertThat(ApiClientService.validateName("  srx-1 ")).isEqualTo("srx-1");
        assertBadRequest(() -> ApiClientService.validateName(" "), "name is required");
        assertBadRequest(() -> ApiClientService.validateName(null), "name is required");
        assertBadRequest(() -> ApiClientService.validateName("x".repeat(201)), "at most 200");
        assertBadRequest(() -> ApiClientService.validateName("a\nb"), "control characters");
    }

    @Test
    void configuredAdminMustBeComplete() {
        assertThat(AdminClientBootstrap.validateId(Optional.of("ops-admin"))).isEqualTo("ops-admin");
        assertThatThrownBy(() -> AdminClientBootstrap.validateId(Optional.empty()))
                .hasMessageContaining("OPENJIMS_ADMIN_CLIENT_ID is not");
        assertThatThrownBy(() -> AdminClientBootstrap.validateId(Optional.of("has:colon")))
                .hasMessageContaining("3 to 64 characters");
        assertThatThrownBy(() -> AdminClientBootstrap.validateSecret(Optional.of("short")))
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> AdminClientBootstrap.validateSecret(Optional.empty()))
                .hasMessageContaining("OPENJIMS_ADMIN_CLIENT_SECRET is not");
    }

    private static void assertBadRequest(Runnable call, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("invalid_request");
                })
                .hasMessageContaining(message);
    }
}
