package io.openjims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.cli.OpenJims;
import io.openjims.cli.core.Terminal;
import io.openjims.cli.session.SessionStore;
import io.openjims.devinfra.local.DemoDirectory;
import io.openjims.devinfra.local.LocalApi;
import io.openjims.devinfra.local.LocalStack;
import io.openjims.devinfra.local.LocalStackOptions;
import io.openjims.devinfra.local.LocalStackOptions.Port;
import io.openjims.devinfra.local.SyslogSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The configuration moves between two whole systems with the {@code openjims} tool: export from a configured local
 * stack without secrets, import into a fresh one (another data directory: another database, encryption key and CA)
 * with a passwords file, a partial import, a tampered file, and the interactive prompts in a real pty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigTransferIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT_PASSWORD = "Tenant-Pass-1!";
    private static final String DIRECTORY = "xfer";
    private static final String RULE = "xfer-rule";
    private static final String MARK = "XFERMARK";
    private static final String TENANT = "xfer-tenant";
    /** The SRX client ./openjims-local creates in every stack. */
    private static final String SRX_NAME = "openjims-local-srx";

    private Path work;
    private Path bundle;
    private DemoDirectory directory;
    private TenantReceiver receiver;
    private LocalStack stack;
    private LocalApi api;
    private LocalStack.Credentials srx;
    private JsonNode ingest;
    private String tenantUsername;
    private final String net = "10." + ThreadLocalRandom.current().nextInt(200, 250) + ".";

    @BeforeAll
    void start() throws IOException {
        work = Files.createTempDirectory("openjims-xfer");
        bundle = work.resolve("bundle.json");
        directory = DemoDirectory.start(0);
        stack = startStack("first");
    }

    @AfterAll
    void stop() throws IOException {
        if (receiver != null) {
            receiver.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (directory != null) {
            directory.close();
        }
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void exportsTheConfigurationOfAllThreeServicesWithoutSecrets() throws IOException {
        String admin = stack.adminToken();
        LocalApi.Answer created = api.postJson(
                stack.uri(Port.COLLECTOR).resolve("/api/admin/directories"), admin, directory.registration(DIRECTORY));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        awaitSynced();
        LocalApi.Answer rule = api.postJson(
                stack.uri(Port.COLLECTOR).resolve("/api/admin/syslog-rules"),
                admin,
                Map.of(
                        "name",
                        RULE,
                        "operation",
                        "logon",
                        "condition",
                        MARK,
                        "pattern",
                        MARK + " user=(?<user>\\S+) ip=(?<ip>\\S+)",
                        "position",
                        1));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        LocalApi.Answer client = api.postJson(
                stack.uri(Port.COLLECTOR).resolve("/api/admin/ingest-clients"), admin, Map.of("name", "xfer-pan"));
        assertThat(client.status()).as(client.body()).isEqualTo(201);
        ingest = client.json();
        srx = stack.srxClient().orElseThrow();
        // The receiver's certificate comes from the first stack's CA; the tenant's ca_pem travels in the file.
        receiver = new TenantReceiver(stack.pki().serverContext());
        Map<String, Object> tenant = new LinkedHashMap<>();
        tenant.put("name", TENANT);
        tenant.put("kind", "cso");
        tenant.put("endpoint", receiver.endpoint());
        tenant.put("password", TENANT_PASSWORD);
        tenant.put("domains", List.of(DemoDirectory.DOMAIN));
        tenant.put("ca_pem", stack.pki().caPem());
        LocalApi.Answer t = api.postJson(stack.uri(Port.PUSH).resolve("/api/admin/tenants"), admin, tenant);
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        tenantUsername = t.json().path("username").asText();
        receiver.credentials(tenantUsername, TENANT_PASSWORD);

        login();
        Cli export = cli("config", "export", "-o", bundle.toString());
        assertThat(export.code()).as(export.toString()).isZero();
        assertThat(export.out()).contains("exported collector (", "query (", "push (", "secrets left out");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle)))
                .isEqualTo("rw-------");
        String text = Files.readString(bundle);
        JsonNode file = JSON.readTree(text);
        assertThat(file.path("format").asText()).isEqualTo("openjims-config-bundle");
        assertThat(file.path("services").path("collector").path("sections").has("directories"))
                .isTrue();
        assertThat(file.path("services").path("query").path("sections").has("api_clients"))
                .isTrue();
        assertThat(file.path("services").path("push").path("sections").has("tenants"))
                .isTrue();
        assertThat(text)
                .doesNotContain(TENANT_PASSWORD)
                .doesNotContain(DemoDirectory.BIND_PASSWORD)
                .doesNotContain(ingest.path("client_secret").asText())
                .doesNotContain(ingest.path("api_key").asText())
                .doesNotContain(srx.clientSecret());
        stack.close();
        stack = null;
    }

    @Test
    @Order(2)
    void aFreshStackGetsEverythingBackWithAPasswordsFile() throws IOException {
        stack = startStack("second");
        login();
        Map<String, Integer> index = missingIndexes();
        assertThat(index)
                .containsOnlyKeys(
                        "collector directories/" + DIRECTORY + " directory bind password",
                        "collector ingest_clients/xfer-pan ingest client secret",
                        "collector ingest_clients/xfer-pan ingest client api key",
                        "query api_clients/" + SRX_NAME + " api client secret",
                        "push tenants/" + TENANT + " tenant");
        Path passwords = passwordsFile(index);

        Cli imported = cli("config", "import", bundle.toString(), "--passwords-file", passwords.toString());
        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out())
                .contains("collector directories: 1 added")
                .contains("push tenants: 1 added")
                .contains("imported into collector-service, query-service, push-service");
        assertThat(imported.out() + imported.err())
                .doesNotContain(TENANT_PASSWORD)
                .doesNotContain(srx.clientSecret());

        awaitSynced();
        assertThat(ruleNames()).contains(RULE);
        String srxToken = api.token(stack.uri(Port.QUERY), srx.clientId(), srx.clientSecret());
        assertThat(srxToken)
                .as("the old SRX client secret works on the new server")
                .isNotBlank();
        LocalApi.Answer pan = api.postForm(
                stack.uri(Port.COLLECTOR).resolve("/api/"),
                Map.of(
                        "type",
                        "user-id",
                        "key",
                        ingest.path("api_key").asText(),
                        "cmd",
                        "<uid-message><version>2.0</version><type>update</type><payload><login><entry"
                                + " name=\"example\\dave\" ip=\"" + net + "1.4\" timeout=\"60\"/></login></payload>"
                                + "</uid-message>"));
        assertThat(pan.status()).as(pan.body()).isEqualTo(200);
        assertThat(pan.body()).contains("<accepted>1</accepted>");

        // The imported rule parses a logon; the imported tenant gets it with its old username and password.
        String ip = net + "1.3";
        SyslogSender.udp(stack.port(Port.SYSLOG), SyslogSender.rfc3164(MARK + " user=carol@example.com ip=" + ip));
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(receiver.items().stream()
                                .filter(i -> i.path("kind").asText().equals("session"))
                                .map(i -> i.path("ip").asText() + " "
                                        + i.path("user").asText())
                                .toList())
                        .contains(ip + " carol"));
        assertThat(receiver.rejectedStatuses()).isEmpty();
    }

    @Test
    @Order(3)
    void aPartialImportReplacesDirectoriesOnlyAndNeedsTheWarningAccepted() throws IOException {
        String admin = stack.adminToken();
        String id = directoryId();
        assertThat(api.delete(stack.uri(Port.COLLECTOR).resolve("/api/admin/directories/" + id), admin)
                        .status())
                .isEqualTo(204);
        LocalApi.Answer rule = api.postJson(
                stack.uri(Port.COLLECTOR).resolve("/api/admin/syslog-rules"),
                admin,
                Map.of(
                        "name",
                        "xfer-b-only",
                        "operation",
                        "logon",
                        "condition",
                        "BONLY",
                        "pattern",
                        "BONLY user=(?<user>\\S+) ip=(?<ip>\\S+)"));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        Path passwords = Files.writeString(
                work.resolve("directory-password.txt"),
                "directories/" + DIRECTORY + "=" + DemoDirectory.BIND_PASSWORD + "\n");

        Cli refused = cli("config", "import", bundle.toString(), "--sections", "directories");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--accept-warning");

        Cli partial = cli(
                "config",
                "import",
                bundle.toString(),
                "--sections",
                "directories",
                "--accept-warning",
                "--passwords-file",
                passwords.toString());
        assertThat(partial.code()).as(partial.toString()).isZero();
        assertThat(partial.out()).contains("collector directories: 1 added").contains("(partial)");
        assertThat(partial.out()).doesNotContain("syslog_rules").doesNotContain("tenants");
        awaitSynced();
        assertThat(ruleNames()).as("rules are untouched").contains(RULE, "xfer-b-only");
        assertThat(tenantNames()).containsExactly(TENANT);
    }

    @Test
    @Order(4)
    void aTamperedFileChangesNothing() throws IOException {
        String text = Files.readString(bundle);
        assertThat(text).contains("\"" + RULE + "\"");
        Path tampered =
                Files.writeString(work.resolve("tampered.json"), text.replace("\"" + RULE + "\"", "\"xfer-evil\""));
        Path passwords = passwordsFile(missingIndexes());
        List<String> before = ruleNames();

        Cli result = cli("config", "import", tampered.toString(), "--passwords-file", passwords.toString());
        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        assertThat(result.err().strip())
                .startsWith("openjims: collector-service refused " + tampered)
                .contains("tampered_document")
                .doesNotContain("\n");
        assertThat(ruleNames()).isEqualTo(before).doesNotContain("xfer-evil");
        assertThat(directoryId()).isNotNull();
    }

    @Test
    @Order(5)
    void onATerminalEachPasswordIsAskedHiddenWithTheProgress() throws Exception {
        Map<String, Integer> index = missingIndexes();
        Map<Integer, String> byIndex = new LinkedHashMap<>();
        passwords().forEach((key, password) -> byIndex.put(index.get(key), password));
        Path jar = Tools.root().resolve("cli/target/openjims-cli.jar");
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        "script", "-qfec", java + " -jar " + jar + " config import " + bundle, "/dev/null")
                .redirectErrorStream(true);
        builder.environment().put(SessionStore.ENVIRONMENT_VARIABLE, session().toString());
        Process process = builder.start();
        StringBuilder seen = new StringBuilder();
        Pattern prompt = Pattern.compile("password for #(\\d+): ");
        int answered = 0;
        try (InputStream in = process.getInputStream();
                OutputStream keyboard = process.getOutputStream()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            int c;
            while (System.nanoTime() < deadline && (c = in.read()) != -1) {
                seen.append((char) c);
                Matcher m = prompt.matcher(seen);
                int found = 0;
                while (m.find()) {
                    found++;
                    if (found > answered) {
                        String password = byIndex.get(Integer.parseInt(m.group(1)));
                        assertThat(password)
                                .as("a prompt for an index the dry run listed: " + seen)
                                .isNotNull();
                        keyboard.write((password + "\n").getBytes(StandardCharsets.UTF_8));
                        keyboard.flush();
                        answered++;
                    }
                }
            }
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = seen.toString();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(answered).isEqualTo(5);
        assertThat(output)
                .contains("5 passwords are needed")
                .contains("Total 5 | Fixed 0 | Remaining 5")
                .contains("Total 5 | Fixed 4 | Remaining 1")
                .contains("[####################] Total 5 | Fixed 5 | Remaining 0")
                .contains("#1 collector directories/" + DIRECTORY + ": directory bind password")
                .contains("imported into collector-service, query-service, push-service");
        assertThat(output).as("typed passwords are not echoed").doesNotContain(TENANT_PASSWORD);
        assertThat(output).doesNotContain(srx.clientSecret()).doesNotContain(DemoDirectory.BIND_PASSWORD);
        assertThat(ruleNames())
                .as("the full import removed the rule the file lacks")
                .doesNotContain("xfer-b-only");
    }

    // ---- helpers

    private LocalStack startStack(String name) {
        return startStack(work.resolve(name), this);
    }

    private static LocalStack startStack(Path data, ConfigTransferIT test) {
        long t0 = System.nanoTime();
        LocalStack started = LocalStack.start(new LocalStackOptions(Tools.root())
                .freePorts()
                .dataDirectory(data)
                .printBanner(false)
                .readyTimeout(Duration.ofMinutes(3)));
        System.out.printf("[xfer] stack %s ready in %d ms%n", data.getFileName(), (System.nanoTime() - t0) / 1_000_000);
        test.api = started.api();
        return started;
    }

    private Path session() {
        return work.resolve("session.json");
    }

    private void login() throws IOException {
        Path secret = Files.writeString(
                work.resolve("admin-secret"), stack.adminClient().clientSecret() + "\n");
        Cli login = cli(
                "login",
                "--url",
                stack.uri(Port.QUERY).toString(),
                "--collector-url",
                stack.uri(Port.COLLECTOR).toString(),
                "--push-url",
                stack.uri(Port.PUSH).toString(),
                "--client-id",
                stack.adminClient().clientId(),
                "--client-secret-file",
                secret.toString(),
                "--ca-file",
                stack.pki().caCertificate().toString());
        assertThat(login.code()).as(login.toString()).isZero();
        assertThat(login.out() + login.err()).doesNotContain(stack.adminClient().clientSecret());
    }

    /** The dry run's missing passwords as "service section/name type" → global index. */
    private Map<String, Integer> missingIndexes() {
        Cli dry = cli("config", "import", bundle.toString(), "--dry-run", "--output", "json");
        assertThat(dry.code()).as(dry.toString()).isZero();
        JsonNode report;
        try {
            report = JSON.readTree(dry.out());
        } catch (IOException e) {
            throw new AssertionError(dry.out(), e);
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        for (JsonNode m : report.path("missing")) {
            result.put(
                    m.path("service").asText() + " " + m.path("section").asText() + "/"
                            + m.path("name").asText() + " " + m.path("type").asText(),
                    m.path("index").asInt());
        }
        assertThat(report.path("total").asInt()).isEqualTo(result.size());
        return result;
    }

    private Map<String, String> passwords() {
        Map<String, String> byKey = new LinkedHashMap<>();
        byKey.put("collector directories/" + DIRECTORY + " directory bind password", DemoDirectory.BIND_PASSWORD);
        byKey.put(
                "collector ingest_clients/xfer-pan ingest client secret",
                ingest.path("client_secret").asText());
        byKey.put(
                "collector ingest_clients/xfer-pan ingest client api key",
                ingest.path("api_key").asText());
        byKey.put("query api_clients/" + SRX_NAME + " api client secret", srx.clientSecret());
        byKey.put("push tenants/" + TENANT + " tenant", TENANT_PASSWORD);
        return byKey;
    }

    /** By name where one secret per item, by index for the ingest client's two. */
    private Path passwordsFile(Map<String, Integer> index) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# passwords for the xfer import");
        passwords().forEach((key, password) -> {
            String path = key.substring(key.indexOf(' ') + 1, key.indexOf(' ', key.indexOf(' ') + 1));
            lines.add(key.contains("ingest_clients") ? index.get(key) + "=" + password : path + "=" + password);
        });
        return Files.write(work.resolve("passwords.txt"), lines);
    }

    private void awaitSynced() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    String id = directoryId();
                    assertThat(id).isNotNull();
                    JsonNode status = api.get(
                                    stack.uri(Port.COLLECTOR).resolve("/api/admin/directories/" + id),
                                    stack.adminToken())
                            .json()
                            .path("status");
                    assertThat(status.path("last_successful_sync").isTextual())
                            .as(status.toString())
                            .isTrue();
                    assertThat(status.path("users").asInt()).isEqualTo(DemoDirectory.USERS.size());
                });
    }

    private String directoryId() {
        for (JsonNode d : api.get(stack.uri(Port.COLLECTOR).resolve("/api/admin/directories"), stack.adminToken())
                .json()) {
            if (d.path("name").asText().equals(DIRECTORY)) {
                return d.path("id").asText();
            }
        }
        return null;
    }

    private List<String> ruleNames() {
        List<String> names = new ArrayList<>();
        api.get(stack.uri(Port.COLLECTOR).resolve("/api/admin/syslog-rules"), stack.adminToken())
                .json()
                .forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    private List<String> tenantNames() {
        List<String> names = new ArrayList<>();
        api.get(stack.uri(Port.PUSH).resolve("/api/admin/tenants"), stack.adminToken())
                .json()
                .forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    /** One in-process run of the tool (no terminal). */
    record Cli(int code, String out, String err) {}

    private Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        OpenJims.Context context = new OpenJims.Context(
                Map.of(SessionStore.ENVIRONMENT_VARIABLE, session().toString()), Terminal.NONE, Clock.systemUTC());
        int code = OpenJims.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }
}
