package io.openjims.collector.transfer;

import static io.openjims.collector.ingest.IngestTestSupport.adminToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import io.openjims.collector.ingest.xml.XmlSamples;
import io.openjims.collector.radius.service.ActiveClient;
import io.openjims.collector.radius.service.RadiusClients;
import io.openjims.collector.syslog.listener.EventsTopic;
import io.openjims.collector.syslog.listener.SyslogSenders;
import io.openjims.collector.syslog.listener.SyslogServer;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.support.transfer.ConfigDocuments;
import io.openjims.support.transfer.ConfigSeal;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration export and import of collector-service through the API, against the real database, Kafka and an
 * in-memory LDAP server: secrets left out or sealed, every section brought back and taken up by the running syncs,
 * listeners and caches, the missing-passwords flow, partial imports, dry runs, and refused documents.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConfigTransferTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PASSPHRASE = "a long export passphrase";
    private static final String BASE = "dc=transfer,dc=test";
    private static final String BIND_DN = "cn=reader," + BASE;
    private static final String BIND_PASSWORD = "reader-pw-7f3a";
    private static final String SRX = "/api/userfw/v1/post-entry";

    @Inject
    SyslogServer syslog;

    @Inject
    RadiusClients radius;

    private InMemoryDirectoryServer ldap;
    private String tag;
    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeEach
    void startLdap() throws Exception {
        tag = UUID.randomUUID().toString().substring(0, 8);
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        ldap = new InMemoryDirectoryServer(config);
        ldap.add("dn: " + BASE, "objectClass: domain", "dc: transfer");
        ldap.add("dn: uid=ann," + BASE, "objectClass: inetOrgPerson", "uid: ann", "cn: Ann", "sn: Ann");
        ldap.startListening();
    }

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
        cleanups.clear();
        ldap.shutDown(true);
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON);
    }

    private static JsonNode json(Response response) throws Exception {
        return MAPPER.readTree(response.asString());
    }

    private static Response importing(Map<String, Object> request) {
        return admin().body(request).post("/api/admin/config/import");
    }

    private static JsonNode sealedExport() throws Exception {
        Response r = admin().body(Map.of("passphrase", PASSPHRASE)).post("/api/admin/config/export");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return json(r);
    }

    private static JsonNode item(JsonNode doc, String section, String field, String value) {
        for (JsonNode item : doc.at("/sections/" + section)) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError(section + " has no item with " + field + " " + value + ": " + doc.get("sections"));
    }

    // ---- what the test configures through the admin API ----

    private String directoryName() {
        return "xfer-" + tag;
    }

    private String createDirectory(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "ldap");
        body.put("url", "ldap://127.0.0.1:" + ldap.getListenPort());
        body.put("bind_dn", BIND_DN);
        body.put("bind_password", BIND_PASSWORD);
        body.put("base_dn", BASE);
        body.put("domain", name + ".test");
        body.put("poll_interval_seconds", 10);
        String id = admin().body(body)
                .post("/api/admin/directories")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        cleanups.add(() -> deleteDirectoryNamed(name));
        return id;
    }

    private static String directoryId(String name) {
        List<Map<String, Object>> all = admin().get("/api/admin/directories")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        return all.stream()
                .filter(d -> name.equals(d.get("name")))
                .map(d -> (String) d.get("id"))
                .findFirst()
                .orElse(null);
    }

    private static void deleteDirectoryNamed(String name) {
        String id = directoryId(name);
        if (id != null) {
            admin().delete("/api/admin/directories/" + id);
        }
    }

    /** Waits until the directory of this name has synced without error since {@code after}. */
    private static void awaitSynced(String name, Instant after) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String id = directoryId(name);
            assertThat(id).isNotNull();
            Map<String, Object> status = admin().get("/api/admin/directories/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("status");
            assertThat(status.get("last_error")).isNull();
            assertThat(status.get("last_successful_sync")).isNotNull();
            assertThat(Instant.parse((String) status.get("last_successful_sync")))
                    .isAfter(after);
            assertThat(status.get("users")).isEqualTo(1);
        });
    }

    private String ruleName() {
        return "xfer-rule-" + tag;
    }

    private String createRule(String name, String marker) {
        Map<String, Object> body = Map.of(
                "name",
                name,
                "operation",
                "logon",
                "condition",
                marker,
                "pattern",
                marker + " user=(?<user>\\S+) ip=(?<ip>\\S+)",
                "position",
                1);
        String id = admin().body(body)
                .post("/api/admin/syslog-rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        cleanups.add(() -> deleteRuleNamed(name));
        return id;
    }

    private static List<Map<String, Object>> rules() {
        return admin().get("/api/admin/syslog-rules")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
    }

    private static boolean ruleExists(String name) {
        return rules().stream().anyMatch(r -> name.equals(r.get("name")));
    }

    private static void deleteRuleNamed(String name) {
        rules().stream()
                .filter(r -> name.equals(r.get("name")))
                .forEach(r -> admin().delete("/api/admin/syslog-rules/" + r.get("id")));
    }

    private Map<String, String> createIngestClient() {
        Map<String, Object> created = admin().body(Map.of("name", "xfer-ingest-" + tag))
                .post("/api/admin/ingest-clients")
                .then()
                .statusCode(201)
                .extract()
                .path("$");
        String id = (String) created.get("client_id");
        cleanups.add(() -> admin().delete("/api/admin/ingest-clients/" + id));
        return Map.of(
                "client_id", id,
                "client_secret", (String) created.get("client_secret"),
                "api_key", (String) created.get("api_key"));
    }

    private static int srxPost(String clientId, String secret) {
        String ip = "10.77." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        return given().auth()
                .preemptive()
                .basic(clientId, secret)
                .body(XmlSamples.srxEntries("xfer-u1", ip, "xfer-u2", ip))
                .post(SRX)
                .statusCode();
    }

    private static String radiusAddress() {
        return "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    private String createRadiusClient(String name, String address, String secret) {
        String id = admin().body(Map.of("name", name, "address", address, "secret", secret))
                .post("/api/admin/radius-clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        cleanups.add(() -> deleteRadiusNamed(name));
        return id;
    }

    private static void deleteRadiusNamed(String name) {
        List<Map<String, Object>> all =
                admin().get("/api/admin/radius-clients").then().extract().path("$");
        all.stream()
                .filter(c -> name.equals(c.get("name")))
                .forEach(c -> admin().delete("/api/admin/radius-clients/" + c.get("id")));
    }

    private String radiusSecret(String address) {
        ActiveClient client = radius.match(address);
        return client == null ? null : new String(client.secret(), StandardCharsets.UTF_8);
    }

    /** Every item of every section removed through the admin API, as an admin starting over would. */
    private static void deleteEverything() {
        List<Map<String, Object>> dirs =
                admin().get("/api/admin/directories").then().extract().path("$");
        dirs.forEach(d ->
                admin().delete("/api/admin/directories/" + d.get("id")).then().statusCode(204));
        rules().forEach(r ->
                admin().delete("/api/admin/syslog-rules/" + r.get("id")).then().statusCode(204));
        List<Map<String, Object>> ingest =
                admin().get("/api/admin/ingest-clients").then().extract().path("$");
        ingest.forEach(c -> admin().delete("/api/admin/ingest-clients/" + c.get("client_id"))
                .then()
                .statusCode(204));
        List<Map<String, Object>> nas =
                admin().get("/api/admin/radius-clients").then().extract().path("$");
        nas.forEach(c -> admin().delete("/api/admin/radius-clients/" + c.get("id"))
                .then()
                .statusCode(204));
    }

    private static void setDescription(String description) {
        admin().body(Map.of("description", description))
                .put("/api/admin/collector")
                .then()
                .statusCode(200);
    }

    @Test
    void sealedExportBringsBackEverySectionAndTheRunningServiceUsesIt() throws Exception {
        createDirectory(directoryName());
        String marker = "XFER" + tag;
        createRule(ruleName(), marker);
        Map<String, String> ingest = createIngestClient();
        String nasAddress = radiusAddress();
        String nasSecret = "nas-secret-" + tag;
        createRadiusClient("xfer-nas-" + tag, nasAddress, nasSecret);
        setDescription("transfer test " + tag);
        awaitSynced(directoryName(), Instant.EPOCH);

        // Plain export: every secret marked missing, none in the file.
        Response plainResponse = admin().get("/api/admin/config");
        plainResponse
                .then()
                .statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"openjims-collector-config.json\""));
        JsonNode plain = json(plainResponse);
        assertThat(plain.get("service").asText()).isEqualTo("collector");
        assertThat(plain.get("sections").fieldNames())
                .toIterable()
                .containsExactly("directories", "syslog_rules", "ingest_clients", "radius_clients", "settings");
        assertThat(plain.toString())
                .doesNotContain(BIND_PASSWORD)
                .doesNotContain(nasSecret)
                .doesNotContain("sha256$");
        assertThat(item(plain, "directories", "name", directoryName())
                        .at("/bind_password/missing")
                        .asBoolean())
                .isTrue();
        JsonNode plainClient = item(plain, "ingest_clients", "client_id", ingest.get("client_id"));
        assertThat(plainClient.at("/secret_hash/missing").asBoolean()).isTrue();
        assertThat(plainClient.at("/api_key_hash/missing").asBoolean()).isTrue();
        assertThat(item(plain, "radius_clients", "address", nasAddress)
                        .at("/secret/missing")
                        .asBoolean())
                .isTrue();
        assertThat(plain.at("/sections/settings/description").asText()).isEqualTo("transfer test " + tag);

        JsonNode sealed = sealedExport();
        assertThat(sealed.toString()).doesNotContain(BIND_PASSWORD).doesNotContain(nasSecret);
        assertThat(item(sealed, "directories", "name", directoryName())
                        .at("/bind_password/sealed")
                        .asText())
                .startsWith("v1:");

        // Everything goes; the running service no longer knows the client.
        deleteEverything();
        setDescription("changed");
        assertThat(srxPost(ingest.get("client_id"), ingest.get("client_secret")))
                .isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).until(() -> radiusSecret(nasAddress) == null);

        Instant beforeImport = Instant.now();
        Response imported = importing(Map.of("document", sealed, "passphrase", PASSPHRASE));
        assertThat(imported.statusCode()).as(imported.asString()).isEqualTo(200);
        JsonNode report = json(imported);
        assertThat(report.get("applied").asBoolean()).isTrue();
        assertThat(report.get("partial").asBoolean()).isFalse();
        assertThat(report.at("/changes/directories/added").asInt())
                .isEqualTo(sealed.at("/sections/directories").size());
        assertThat(report.at("/changes/syslog_rules/added").asInt())
                .isEqualTo(sealed.at("/sections/syslog_rules").size());
        assertThat(report.at("/changes/ingest_clients/removed").asInt()).isZero();

        // The directory syncs again, with the bind password opened from the document and stored under this key.
        awaitSynced(directoryName(), beforeImport);
        // The rule is back in the running engine: a line over UDP becomes an event.
        String user = "xfer-" + tag;
        String ip = "10.78." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        try (EventsTopic events = new EventsTopic()) {
            SyslogSenders.udp(
                    syslog.port(),
                    List.of("<13>1 " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " host app - - - " + marker
                            + " user=" + user + " ip=" + ip));
            assertThat(events.await(r -> user.equals(r.value().user()), 1, Duration.ofSeconds(60)))
                    .singleElement()
                    .satisfies(r -> assertThat(r.value().ip()).isEqualTo(ip));
        }
        // The ingest client's old secret and API key work again; the NAS secret is in the listener's table.
        assertThat(srxPost(ingest.get("client_id"), ingest.get("client_secret")))
                .isEqualTo(200);
        given().contentType("application/x-www-form-urlencoded")
                .body("type=user-id&key=" + ingest.get("api_key") + "&cmd="
                        + URLEncoder.encode(
                                XmlSamples.uidMessage("corp\\xfer-p" + tag, ip, "xfer-q" + tag, ip),
                                StandardCharsets.UTF_8))
                .post("/api/")
                .then()
                .statusCode(200)
                .body(containsString("success"));
        assertThat(radiusSecret(nasAddress)).isEqualTo(nasSecret);
        admin().get("/api/admin/collector").then().body("description", equalTo("transfer test " + tag));
    }

    @Test
    void missingPasswordsAreListedAndGivenByIndex() throws Exception {
        createDirectory(directoryName());
        Map<String, String> ingest = createIngestClient();
        String nasAddress = radiusAddress();
        createRadiusClient("xfer-nas-" + tag, nasAddress, "nas-old-secret-" + tag);
        JsonNode sealed = sealedExport();
        String late = "xfer-late-" + tag;
        createDirectory(late);

        // Without the passphrase no secret opens: 409 listing each, nothing applied.
        Response blocked = importing(Map.of("document", sealed));
        blocked.then().statusCode(409).body("error", equalTo("missing_passwords"));
        JsonNode report = json(blocked);
        int total = report.get("total").asInt();
        assertThat(report.get("fixed").asInt()).isZero();
        assertThat(report.get("remaining").asInt())
                .isEqualTo(total)
                .isEqualTo(report.get("missing").size());
        Map<String, JsonNode> mine = new HashMap<>();
        for (JsonNode m : report.get("missing")) {
            if (m.get("name").asText().contains(tag)) {
                mine.put(m.get("type").asText(), m);
            }
        }
        assertThat(mine)
                .containsOnlyKeys(
                        "directory bind password",
                        "ingest client secret",
                        "ingest client api key",
                        "radius shared secret");
        JsonNode dir = mine.get("directory bind password");
        assertThat(dir.get("section").asText()).isEqualTo("directories");
        assertThat(dir.get("name").asText()).isEqualTo(directoryName());
        assertThat(dir.get("username").asText()).isEqualTo(BIND_DN);
        assertThat(dir.get("used_for").asText()).contains("ldap://127.0.0.1:" + ldap.getListenPort());
        assertThat(mine.get("ingest client secret").get("username").asText()).isEqualTo(ingest.get("client_id"));
        assertThat(mine.get("radius shared secret").get("used_for").asText()).contains(nasAddress);

        // Given by index: counted as fixed; the others still missing, nothing applied.
        int dirIndex = dir.get("index").asInt();
        Response partly = importing(
                Map.of("document", sealed, "passwords", List.of(Map.of("index", dirIndex, "password", BIND_PASSWORD))));
        partly.then().statusCode(409);
        assertThat(json(partly).get("total").asInt()).isEqualTo(total);
        assertThat(json(partly).get("fixed").asInt()).isEqualTo(1);
        assertThat(json(partly).get("remaining").asInt()).isEqualTo(total - 1);
        assertThat(directoryId(late)).isNotNull();

        String newSecret = "assigned-client-secret-" + tag + "-0123456789";
        String newKey = ("K" + tag + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ").substring(0, 52);
        String newNas = "nas-new-secret-" + tag;
        int secretIndex = mine.get("ingest client secret").get("index").asInt();
        int keyIndex = mine.get("ingest client api key").get("index").asInt();
        int nasIndex = mine.get("radius shared secret").get("index").asInt();

        // A secret the admin API would refuse fails the import after earlier sections were replaced in its
        // transaction: 400 naming the client, and the previous configuration is whole.
        List<Map<String, Object>> weak = List.of(
                Map.of("index", dirIndex, "password", BIND_PASSWORD),
                Map.of("index", secretIndex, "password", newSecret),
                Map.of("index", keyIndex, "password", newKey),
                Map.of("index", nasIndex, "password", "short"));
        importing(Map.of("document", sealed, "passphrase", PASSPHRASE, "passwords", weak))
                .then()
                .statusCode(400)
                .body("message", containsString("xfer-nas-" + tag));
        assertThat(directoryId(late)).isNotNull();
        assertThat(srxPost(ingest.get("client_id"), ingest.get("client_secret")))
                .isEqualTo(200);
        assertThat(radiusSecret(nasAddress)).isEqualTo("nas-old-secret-" + tag);

        List<Map<String, Object>> passwords = List.of(
                Map.of("index", dirIndex, "password", BIND_PASSWORD),
                Map.of("index", secretIndex, "password", newSecret),
                Map.of("index", keyIndex, "password", newKey),
                Map.of("index", nasIndex, "password", newNas));

        // With the passphrase the others open; the four given by index replace the exported ones.
        Instant beforeImport = Instant.now();
        Response applied = importing(Map.of("document", sealed, "passphrase", PASSPHRASE, "passwords", passwords));
        assertThat(applied.statusCode()).as(applied.asString()).isEqualTo(200);
        assertThat(json(applied).get("total").asInt()).isEqualTo(4);
        assertThat(json(applied).get("fixed").asInt()).isEqualTo(4);
        assertThat(json(applied).get("remaining").asInt()).isZero();
        assertThat(directoryId(late)).isNull();
        awaitSynced(directoryName(), beforeImport);
        assertThat(srxPost(ingest.get("client_id"), newSecret)).isEqualTo(200);
        assertThat(srxPost(ingest.get("client_id"), ingest.get("client_secret")))
                .isEqualTo(401);
        assertThat(radiusSecret(nasAddress)).isEqualTo(newNas);

        importing(Map.of("document", sealed, "passwords", List.of(Map.of("index", 9999, "password", "x"))))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_password_index"));
    }

    @Test
    void partialImportReplacesOnlyTheChosenSection() throws Exception {
        createDirectory(directoryName());
        JsonNode sealed = sealedExport();
        String late = "xfer-late-" + tag;
        createDirectory(late);
        String lateRule = "xfer-late-rule-" + tag;
        createRule(lateRule, "LATE" + tag);

        importing(Map.of("document", sealed, "passphrase", PASSPHRASE, "sections", List.of("directories")))
                .then()
                .statusCode(400)
                .body("error", equalTo("accept_partial_required"));
        assertThat(directoryId(late)).isNotNull();

        Response r = importing(Map.of(
                "document",
                sealed,
                "passphrase",
                PASSPHRASE,
                "sections",
                List.of("directories"),
                "accept_partial",
                true));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.get("partial").asBoolean()).isTrue();
        assertThat(report.get("sections")).hasSize(1);
        assertThat(report.at("/changes/directories/removed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.at("/changes/directories/replaced").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.has("changes") && report.get("changes").has("syslog_rules"))
                .isFalse();
        assertThat(directoryId(late)).isNull();
        assertThat(directoryId(directoryName())).isNotNull();
        assertThat(ruleExists(lateRule)).isTrue();
    }

    @Test
    void dryRunsTamperedAndInvalidDocumentsChangeNothing() throws Exception {
        createRule(ruleName(), "XFER" + tag);
        JsonNode sealed = sealedExport();
        String lateRule = "xfer-late-rule-" + tag;
        createRule(lateRule, "LATE" + tag);

        importing(Map.of("document", sealed, "passphrase", PASSPHRASE, "dry_run", true))
                .then()
                .statusCode(200)
                .body("dry_run", equalTo(true))
                .body("applied", equalTo(false))
                .body("remaining", equalTo(0));
        assertThat(ruleExists(lateRule)).isTrue();

        ObjectNode tampered = sealed.deepCopy();
        ((ObjectNode) item(tampered, "syslog_rules", "name", ruleName())).put("pattern", "(?<user>.*)(?<ip>.*)");
        importing(Map.of("document", tampered, "passphrase", PASSPHRASE))
                .then()
                .statusCode(400)
                .body("error", equalTo("tampered_document"));
        ObjectNode truncated = sealed.deepCopy();
        ((ArrayNode) truncated.at("/sections/syslog_rules")).remove(0);
        importing(Map.of("document", truncated, "passphrase", PASSPHRASE))
                .then()
                .statusCode(400)
                .body("error", equalTo("tampered_document"));
        assertThat(ruleExists(lateRule)).isTrue();

        // A document signed as exported but holding a rule the admin API would refuse: 400 naming it.
        ObjectNode sections = sealed.get("sections").deepCopy();
        for (JsonNode rule : sections.get("syslog_rules")) {
            if (rule.get("name").asText().equals(ruleName())) {
                ((ObjectNode) rule).put("pattern", "no named groups here");
            }
        }
        ConfigSeal seal = ConfigSeal.of(
                PASSPHRASE,
                sealed.at("/encryption/salt").asText(),
                sealed.at("/encryption/iterations").asInt());
        JsonNode invalid = ConfigDocuments.export("collector", Instant.now(), sections, seal);
        Response refused = importing(Map.of("document", invalid, "passphrase", PASSPHRASE));
        refused.then().statusCode(400).body("message", containsString(ruleName()));
        assertThat(ruleExists(lateRule)).isTrue();

        importing(Map.of("document", sealed, "sections", List.of("tenants"), "accept_partial", true))
                .then()
                .statusCode(400)
                .body("error", equalTo("unknown_section"));
    }
}
