package io.openjims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.devinfra.local.DemoDirectory;
import io.openjims.devinfra.local.LocalApi;
import io.openjims.devinfra.local.LocalStack;
import io.openjims.devinfra.local.LocalStackOptions;
import io.openjims.devinfra.local.LocalStackOptions.Port;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin console in a real browser: {@code console-tests/console.test.mjs} (playwright-core driving Debian's
 * chromium, headless) against a local stack in demo mode (an LDAP directory and a logon a second), through every
 * page. Its screenshots go to {@code target/console-screenshots/}; with {@code -Dopenjims.update-docs=true} they are
 * copied into {@code docs/console/} (the repository's convention for generated docs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {

    private static final String TENANT = "console-cso";
    private static final String TENANT_PASSWORD = "Tenant-Pass-1!";

    private Path work;
    private LocalStack stack;
    private LocalApi api;
    private TenantReceiver receiver;

    @BeforeAll
    void start() throws IOException {
        work = Files.createTempDirectory("openjims-console");
        stack = LocalStack.start(new LocalStackOptions(Tools.root())
                .freePorts()
                .dataDirectory(work.resolve("stack"))
                .demo(true)
                .demoLogonInterval(Duration.ofMillis(500))
                .printBanner(false)
                .readyTimeout(Duration.ofMinutes(3)));
        api = stack.api();
    }

    @AfterAll
    void stop() throws IOException {
        if (receiver != null) {
            receiver.close();
        }
        if (stack != null) {
            stack.close();
        }
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void everyPageWorksInARealBrowser() throws Exception {
        String admin = stack.adminToken();
        // Real data for every page: the demo directory synced and demo logons in the view (slow on a loaded machine).
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode stats = api.get(stack.uri(Port.QUERY).resolve("/api/admin/stats"), admin)
                            .json();
                    assertThat(stats.path("users").asInt()).as(stats.toString()).isGreaterThan(0);
                    assertThat(stats.path("sessions").asInt())
                            .as(stats.toString())
                            .isGreaterThan(0);
                });
        receiver = new TenantReceiver(stack.pki().serverContext());
        Map<String, Object> tenant = new LinkedHashMap<>();
        tenant.put("name", TENANT);
        tenant.put("kind", "cso");
        tenant.put("endpoint", receiver.endpoint());
        tenant.put("password", TENANT_PASSWORD);
        tenant.put("domains", List.of(DemoDirectory.DOMAIN));
        tenant.put("ca_pem", stack.pki().caPem());
        tenant.put("username", "cso-issued-console");
        LocalApi.Answer created = api.postJson(stack.uri(Port.PUSH).resolve("/api/admin/tenants"), admin, tenant);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("username").asText()).isEqualTo("cso-issued-console");
        receiver.credentials("cso-issued-console", TENANT_PASSWORD);
        // The import dialog's file: push-service's configuration without secrets (the tenant's password missing).
        LocalApi.Answer exported = api.get(stack.uri(Port.PUSH).resolve("/api/admin/config"), admin);
        assertThat(exported.status()).as(exported.body()).isEqualTo(200);
        Path importFile = Files.writeString(work.resolve("push-config.json"), exported.body());

        Path tests = Tools.root().resolve("e2e-tests/console-tests");
        Path screenshots = Tools.root().resolve("e2e-tests/target/console-screenshots");
        // This run's screenshots only: none left from an earlier run counts.
        if (Files.isDirectory(screenshots)) {
            try (Stream<Path> old = Files.list(screenshots)) {
                for (Path png : old.toList()) {
                    Files.delete(png);
                }
            }
        }
        if (!Files.isDirectory(tests.resolve("node_modules/playwright-core"))) {
            Process install = new ProcessBuilder(npm(), "install", "--no-audit", "--no-fund")
                    .directory(tests.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("npm.log").toFile())
                    .start();
            assertThat(install.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(install.exitValue())
                    .as(Files.readString(work.resolve("npm.log")))
                    .isZero();
        }
        List<String> command = new ArrayList<>(List.of(node(), "console.test.mjs"));
        ProcessBuilder run = new ProcessBuilder(command)
                .directory(tests.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("console-tests.log").toFile());
        Map<String, String> env = run.environment();
        env.put("CONSOLE_URL", stack.uri(Port.QUERY).resolve("/console/").toString());
        env.put("ADMIN_ID", stack.adminClient().clientId());
        env.put("ADMIN_SECRET", stack.adminClient().clientSecret());
        env.put("CHROMIUM", chromium());
        env.put("SCREENSHOTS", screenshots.toString());
        env.put(
                "FAILURES",
                Tools.root().resolve("e2e-tests/target/console-failures").toString());
        env.put("IMPORT_FILE", importFile.toString());
        env.put("TENANT", TENANT);
        env.put("COLLECTOR_URL", stack.uri(Port.COLLECTOR).toString());
        env.put("NODE_EXTRA_CA_CERTS", stack.pki().caCertificate().toString());
        Process browser = run.start();
        boolean finished = browser.waitFor(10, TimeUnit.MINUTES);
        String log = Files.readString(work.resolve("console-tests.log"), StandardCharsets.UTF_8);
        System.out.println(log);
        if (!finished) {
            browser.destroyForcibly();
        }
        assertThat(finished)
                .as("console tests finished within 10 minutes:%n%s", log)
                .isTrue();
        assertThat(browser.exitValue()).as(log).isZero();
        assertThat(log)
                .contains("14 steps, 0 failed")
                .doesNotContain(stack.adminClient().clientSecret());
        for (String page : List.of(
                "sign-in",
                "dashboard",
                "sessions",
                "directories",
                "directories-edit",
                "syslog-rules",
                "syslog-rules-edit",
                "ingest-clients",
                "srx-clients",
                "tenants",
                "tenants-change-password",
                "collectors",
                "configuration",
                "configuration-add-passwords")) {
            assertThat(screenshots.resolve(page + ".png")).isNotEmptyFile();
            if (Boolean.getBoolean("openjims.update-docs")) {
                Files.copy(
                        screenshots.resolve(page + ".png"),
                        Tools.root().resolve("docs/console/" + page + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // What the browser did reached the services: the tenant's password was changed, then imported anew.
        JsonNode tenants = api.get(stack.uri(Port.PUSH).resolve("/api/admin/tenants"), admin)
                .json();
        assertThat(tenants.findValuesAsText("name")).contains(TENANT);
        JsonNode clients = api.get(stack.uri(Port.QUERY).resolve("/api/admin/clients"), admin)
                .json();
        assertThat(clients.findValuesAsText("name")).contains("console-srx");
        // The rule added and edited in the browser, and the directory's edited poll interval.
        JsonNode rules = api.get(stack.uri(Port.COLLECTOR).resolve("/api/admin/syslog-rules"), admin)
                .json();
        JsonNode rule = null;
        for (JsonNode r : rules) {
            if (r.path("name").asText().equals("console-rule")) {
                rule = r;
            }
        }
        assertThat(rule).as(rules.toString()).isNotNull();
        assertThat(rule.path("pattern").asText()).contains("who=");
        JsonNode directories = api.get(stack.uri(Port.COLLECTOR).resolve("/api/admin/directories"), admin)
                .json();
        assertThat(directories.findValues("poll_interval_seconds").stream().map(JsonNode::asInt))
                .contains(20);
    }

    private static String node() {
        Path node = Tools.onPath("node", "nodejs");
        assertThat(node)
                .as("node is needed for the console tests (apt-get install -y nodejs npm)")
                .isNotNull();
        return node.toString();
    }

    private static String npm() {
        Path npm = Tools.onPath("npm");
        assertThat(npm).as("npm is needed for the console tests").isNotNull();
        return npm.toString();
    }

    private static String chromium() {
        Path chromium = Tools.onPath("chromium", "chromium-browser");
        assertThat(chromium)
                .as("Debian's chromium is needed for the console tests (.ci/packages.txt)")
                .isNotNull();
        return chromium.toString();
    }
}
