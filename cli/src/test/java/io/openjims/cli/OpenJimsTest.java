package io.openjims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.cli.core.Terminal;
import io.openjims.cli.session.Session;
import io.openjims.cli.session.SessionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and one-line errors of the whole command line, run in-process (CommandLine.execute). */
class OpenJimsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        OpenJims.Context context = new OpenJims.Context(
                Map.of(
                        SessionStore.ENVIRONMENT_VARIABLE,
                        dir.resolve("session.json").toString()),
                Terminal.NONE,
                Clock.systemUTC());
        return OpenJims.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpIsOkAndAMissingOrUnknownCommandIsAUsageError() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("login", "config", "tenants", "collectors");
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("config")).isEqualTo(2);
        assertThat(run("tenants")).isEqualTo(2);
        assertThat(run("history", "10.0.0.1")).as("--at is required").isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--at=<at>'");
    }

    @Test
    void withoutASessionCommandsFailSayingHowToLogIn() {
        assertThat(run("stats")).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("openjims: not logged in: run openjims login --url https://<query-service>:8443"
                        + " --client-id <admin client>");
    }

    @Test
    void aPartialImportWithoutAcceptWarningIsAUsageErrorNamingTheFlag() throws IOException {
        Path file = Files.writeString(dir.resolve("bundle.json"), "{}");
        assertThat(run("config", "import", file.toString(), "--sections", "directories,tenants"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("a partial import replaces directories, tenants entirely")
                .contains("add --accept-warning");
    }

    @Test
    void aForeignFileFailsBeforeAnyServiceIsAsked() throws IOException {
        Path file = Files.writeString(dir.resolve("jims.json"), "{\"format\": \"jims-xml\"}");
        assertThat(run("config", "import", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not an OpenJIMS configuration bundle");
    }

    @Test
    void secretsNeedAFileWhenThereIsNoTerminal() {
        assertThat(run("login", "--url", "https://localhost:8443", "--client-id", "admin"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("pass --client-secret-file F");
        assertThat(run("config", "export", "-o", dir.resolve("x.json").toString(), "--passphrase-file", "p"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("add --with-secrets");
    }

    @Test
    void loginToNothingListeningFailsWithOneLineAndWritesNoSession() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path secret = Files.writeString(dir.resolve("secret"), "a-client-secret-of-length\n");
        assertThat(run(
                        "login",
                        "--url",
                        "https://127.0.0.1:" + port,
                        "--client-id",
                        "admin",
                        "--client-secret-file",
                        secret.toString()))
                .isEqualTo(1);
        assertThat(err.toString().strip())
                .startsWith("openjims: cannot connect to query-service at https://127.0.0.1:" + port)
                .doesNotContain("a-client-secret-of-length")
                .doesNotContain("\n");
        assertThat(dir.resolve("session.json")).doesNotExist();
    }

    @Test
    void aCaFileThatIsNotACertificateIsRefused() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        Path secret = Files.writeString(dir.resolve("secret"), "s\n");
        assertThat(run(
                        "login",
                        "--url",
                        "https://localhost:1",
                        "--client-id",
                        "admin",
                        "--client-secret-file",
                        secret.toString(),
                        "--ca-file",
                        ca.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("is not a PEM certificate");
    }

    @Test
    void theSessionFileIsReadableByItsOwnerOnly() throws IOException {
        SessionStore store = new SessionStore(dir.resolve("nested/session.json"));
        store.save(new Session(
                "https://q:8443",
                "https://q:8444",
                "https://q:8445",
                null,
                "admin",
                "the-secret",
                "tok",
                "2026-12-07T09:00:00Z"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
        Session back = store.load();
        assertThat(back.clientSecret()).isEqualTo("the-secret");
        assertThat(back.tokenExpiry()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(back.toString()).doesNotContain("the-secret").doesNotContain("tok");
    }
}
