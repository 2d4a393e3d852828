package io.openjims.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.cli.core.Json;
import io.openjims.cli.core.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MissingPasswordsTest {

    static JsonNode report(String missingJson) {
        return Json.parse("{\"error\": \"missing_passwords\", \"missing\": " + missingJson + "}");
    }

    static final JsonNode PUSH = report("[{\"index\": 1, \"section\": \"tenants\", \"type\": \"tenant_password\","
            + " \"name\": \"cso\", \"username\": \"oj-cso\", \"used_for\": \"HTTP Basic\"}]");
    static final JsonNode COLLECTOR = report("[{\"index\": 4, \"section\": \"ingest_clients\", \"type\":"
            + " \"client_secret\", \"name\": \"pan\", \"used_for\": \"ingest\"}, {\"index\": 2, \"section\":"
            + " \"directories\", \"type\": \"bind_password\", \"name\": \"corp\", \"username\": \"cn=r\","
            + " \"used_for\": \"LDAP bind\"}]");
    static final JsonNode QUERY = Json.parse("{\"applied\": false, \"missing\": []}");

    @Test
    void globalIndexesFollowServiceOrderThenEachServiceOwnIndex() {
        MissingPasswords merged =
                MissingPasswords.merge(Map.of(Service.PUSH, PUSH, Service.QUERY, QUERY, Service.COLLECTOR, COLLECTOR));
        assertThat(merged.size()).isEqualTo(3);
        assertThat(merged.entries())
                .extracting(e -> e.index() + " " + e.service().key() + "#" + e.serviceIndex() + " " + e.path())
                .containsExactly(
                        "1 collector#2 directories/corp", "2 collector#4 ingest_clients/pan", "3 push#1 tenants/cso");
        assertThat(merged.byIndex(3).describe())
                .isEqualTo("push tenants/cso: tenant_password (HTTP Basic), user oj-cso");
        assertThat(merged.byIndex(0)).isNull();
        assertThat(merged.byIndex(4)).isNull();
        assertThat(merged.byPath("directories", "corp")).hasSize(1);
    }

    @Test
    void passwordsByGlobalIndexGoBackToEachServiceWithItsOwnIndexes() {
        MissingPasswords merged = MissingPasswords.merge(Map.of(Service.PUSH, PUSH, Service.COLLECTOR, COLLECTOR));
        Map<Service, List<Map<String, Object>>> perService =
                merged.perService(Map.of(3, "Tenant-Pass-1!", 2, "ingest-secret", 1, "bind"));
        assertThat(perService.get(Service.COLLECTOR))
                .containsExactly(
                        Map.of("index", 2, "password", "bind"), Map.of("index", 4, "password", "ingest-secret"));
        assertThat(perService.get(Service.PUSH)).containsExactly(Map.of("index", 1, "password", "Tenant-Pass-1!"));
        assertThat(perService).doesNotContainKey(Service.QUERY);
    }
}
