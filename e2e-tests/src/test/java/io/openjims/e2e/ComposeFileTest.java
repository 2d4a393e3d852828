package io.openjims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml passes {@code docker-compose config} (Debian's docker-compose parses and validates it without an
 * engine) with the shipped .env.example, refuses to run without the secrets, and publishes what the design says.
 */
class ComposeFileTest {

    @Test
    void validatesWithTheExampleEnvironmentAndPublishesTheDesignPorts() throws IOException {
        JsonNode config = parse(compose(List.of("--env-file", ".env.example", "config")));
        JsonNode services = config.path("services");
        assertThat(names(services)).contains("kafka", "postgres", "collector-service", "query-service", "push-service");

        assertThat(services.at("/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(services.at("/kafka/environment/KAFKA_PROCESS_ROLES").asText())
                .as("KRaft, one node")
                .isEqualTo("broker,controller");

        assertThat(services.at("/kafka-topics/command").toString())
                .as("compacted topics keep tombstones 7 days, longer than a tolerated outage")
                .contains("cleanup.policy=compact --config delete.retention.ms=604800000");

        assertThat(published(services.path("query-service"))).contains("443/tcp->8443");
        assertThat(published(services.path("collector-service")))
                .contains("514/udp->5514", "514/tcp->5514", "6514/tcp->6514", "2514/tcp->2514", "1813/udp->1813");

        for (String name : List.of("kafka", "postgres", "collector-service", "query-service", "push-service")) {
            JsonNode service = services.path(name);
            assertThat(service.at("/healthcheck/test").isMissingNode())
                    .as(name + " has a health check")
                    .isFalse();
        }
        for (String name : List.of("collector-service", "query-service", "push-service")) {
            JsonNode service = services.path(name);
            String dockerfile = service.at("/build/dockerfile").asText();
            Path context = Path.of(service.at("/build/context").asText());
            assertThat(Files.isRegularFile(context.resolve(dockerfile).normalize()))
                    .as(name + " Dockerfile " + dockerfile)
                    .isTrue();
            assertThat(service.at("/healthcheck/test").toString()).contains("http://localhost:9000/q/health/ready");
            assertThat(service.at("/environment/OPENJIMS_MANAGEMENT_PORT").asText())
                    .isEqualTo("9000");
            assertThat(published(service))
                    .as(name + " does not publish the management port")
                    .noneMatch(port -> port.endsWith("->9000"));
            assertThat(service.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
            JsonNode env = service.path("environment");
            assertThat(env.path("OPENJIMS_DB_PASSWORD").asText())
                    .as(name + " gets the database password from .env")
                    .isEqualTo(exampleValue("POSTGRES_PASSWORD"));
            assertThat(env.path("OPENJIMS_TLS_CERT_FILE").asText()).startsWith("/run/secrets/");
        }
        assertThat(services.at("/query-service/environment/OPENJIMS_ADMIN_CLIENT_SECRET")
                        .asText())
                .isEqualTo(exampleValue("OPENJIMS_ADMIN_CLIENT_SECRET"));
        assertThat(services.at("/collector-service/environment/OPENJIMS_COLLECTOR_SYSLOG_ALLOWED_SENDERS")
                        .asText())
                .as("syslog closed until the admin sets the allow-list")
                .isEqualTo("none")
                .isEqualTo(exampleValue("OPENJIMS_SYSLOG_ALLOWED_SENDERS"));
        assertThat(names(config.path("secrets")))
                .containsExactlyInAnyOrder("jwt-public-key", "jwt-private-key", "tls-cert", "tls-key");
    }

    @Test
    void refusesToRenderWithoutTheSecretsFromDotEnv() throws IOException {
        Path empty = Files.createTempFile("openjims-empty", ".env");
        try {
            Tools.Result result = run(List.of("--env-file", empty.toString(), "config", "-q"));
            assertThat(result.exitCode()).as("config without secrets must fail").isNotZero();
            assertThat(result.stderr()).contains("POSTGRES_PASSWORD").contains(".env");
        } finally {
            Files.deleteIfExists(empty);
        }
    }

    private static String compose(List<String> args) {
        Tools.Result result = run(args);
        assertThat(result.exitCode())
                .as("docker-compose %s failed:%n%s", String.join(" ", args), result.stderr())
                .isZero();
        return result.stdout();
    }

    private static Tools.Result run(List<String> args) {
        Path dockerCompose = Tools.onPath("docker-compose");
        if (dockerCompose == null) {
            fail("docker-compose is not on the PATH, so docker-compose.yml cannot be validated. Install it:"
                    + " apt-get install docker-compose (listed in .ci/packages.txt).");
        }
        List<String> command = new ArrayList<>();
        command.add(dockerCompose.toString());
        command.addAll(List.of("--project-directory", Tools.root().toString(), "-f", "docker-compose.yml"));
        command.addAll(args);
        return Tools.run(Tools.root(), command);
    }

    private static JsonNode parse(String yaml) throws IOException {
        return new YAMLMapper().readTree(yaml);
    }

    private static String exampleValue(String key) {
        try {
            for (String line : Files.readAllLines(Tools.root().resolve(".env.example"))) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return fail(".env.example has no " + key);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Published ports as {@code 443/tcp->8443}, from the long form docker-compose config prints. */
    private static Set<String> published(JsonNode service) {
        Set<String> ports = new HashSet<>();
        for (JsonNode port : service.path("ports")) {
            ports.add(port.path("published").asText() + "/"
                    + port.path("protocol").asText("tcp") + "->"
                    + port.path("target").asText());
        }
        return ports;
    }
}
