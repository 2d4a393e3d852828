package io.openjims.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Json;
import io.openjims.cli.core.Service;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleTest {

    static JsonNode document(String service, String... sections) {
        var doc = Json.object();
        doc.put("format", "openjims-config");
        doc.put("version", 1);
        doc.put("service", service);
        var content = doc.putObject("sections");
        for (String section : sections) {
            content.putArray(section);
        }
        doc.putObject("integrity").put("sha256", "abc");
        return doc;
    }

    @Test
    void aBundleKeepsEachServiceDocumentAsItIsAndSplitsBackInServiceOrder() {
        JsonNode push = document("push", "tenants");
        JsonNode query = document("query", "api_clients", "settings");
        Instant at = Instant.parse("2026-12-07T08:00:00Z");
        Bundle bundle = new Bundle(at, Map.of(Service.PUSH, push, Service.QUERY, query));

        JsonNode json = bundle.toJson();
        assertThat(json.path("format").asText()).isEqualTo("openjims-config-bundle");
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("services").path("push")).isEqualTo(push);

        Bundle back = Bundle.parse(Json.pretty(json), "f.json");
        assertThat(back.documents().keySet()).containsExactly(Service.QUERY, Service.PUSH);
        assertThat(back.documents().get(Service.QUERY)).isEqualTo(query);
        assertThat(back.sections(Service.QUERY)).containsExactly("api_clients", "settings");
        assertThat(back.exportedAt()).isEqualTo(at);
    }

    @Test
    void aSingleServiceDocumentIsABundleOfThatService() {
        Bundle bundle = Bundle.parse(Json.compact(document("collector", "directories")), "c.json");
        assertThat(bundle.documents().keySet()).containsExactly(Service.COLLECTOR);
        assertThat(bundle.sections(Service.COLLECTOR)).containsExactly("directories");
    }

    @Test
    void foreignNewerAndBrokenFilesAreRefusedWithWhatTheyAreNot() {
        assertThatThrownBy(() -> Bundle.parse("{\"format\": \"jims\"}", "f.json"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("not an OpenJIMS configuration bundle");
        assertThatThrownBy(() -> Bundle.parse("not json", "f.json")).hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> Bundle.parse(
                        "{\"format\": \"openjims-config-bundle\", \"version\": 2, \"services\": {}}", "f.json"))
                .hasMessageContaining("newer openjims");
        assertThatThrownBy(() -> Bundle.parse(
                        "{\"format\": \"openjims-config-bundle\", \"version\": 1, \"services\": {\"mail\": {}}}",
                        "f.json"))
                .hasMessageContaining("unknown service \"mail\"");
        assertThatThrownBy(() -> Bundle.parse(
                        "{\"format\": \"openjims-config-bundle\", \"version\": 1, \"services\": {}}", "f.json"))
                .hasMessageContaining("holds no service");
        assertThat(catchExit(() -> Bundle.parse("[]", "f.json"))).isEqualTo(1);
    }

    static int catchExit(Runnable runnable) {
        try {
            runnable.run();
            return 0;
        } catch (CliException e) {
            return e.exitCode();
        }
    }
}
