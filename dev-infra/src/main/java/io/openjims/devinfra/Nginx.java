package io.openjims.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real nginx (Debian {@code nginx}) in front of an HTTP server on loopback, as a tenant's receiver is deployed: it
 * terminates TLS with the given certificate, checks HTTP Basic auth against an htpasswd file ({@code openssl passwd
 * -apr1}) and passes what it lets through to {@code http://127.0.0.1:<upstream>}, the Authorization header included.
 * Runs in the foreground ({@code daemon off}) with its configuration, pid and logs in a temporary directory; it can be
 * stopped and started again on the same port (the endpoint then refuses connections meanwhile).
 */
public final class Nginx implements AutoCloseable {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/local/sbin/nginx"));

    private final Path directory;
    private final int port;
    private final List<String> command;
    private Process process;

    private Nginx(Path directory, int port, List<String> command) {
        this.directory = directory;
        this.port = port;
        this.command = command;
    }

    /** Whether nginx is installed ({@code apt-get install nginx}). */
    public static boolean installed() {
        return binary() != null;
    }

    private static Path binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /**
     * Starts nginx on a free loopback port: TLS with {@code certificate} / {@code key} (PEM files), Basic auth (no user
     * until {@link #credentials}), everything proxied to {@code upstreamPort}. Returns once it accepts connections.
     */
    public static Nginx tlsBasicAuthProxy(Path certificate, Path key, int upstreamPort) {
        Path nginx = binary();
        if (nginx == null) {
            throw new IllegalStateException(
                    "nginx is not installed: apt-get install nginx (.ci/run installs what .ci/packages.txt lists)");
        }
        try {
            Path dir = Files.createTempDirectory("openjims-nginx");
            int port = FreePorts.next();
            Files.writeString(dir.resolve("htpasswd"), "");
            // The master runs as this user; as root its workers would otherwise be "nobody", who cannot read the
            // temporary directory.
            String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
            Path config = dir.resolve("nginx.conf");
            Files.writeString(
                    config,
                    user + """
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 256; }
                    http {
                        access_log %1$s/access.log;
                        client_body_temp_path %1$s/client_body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        server {
                            listen 127.0.0.1:%2$d ssl;
                            server_name localhost;
                            ssl_certificate %3$s;
                            ssl_certificate_key %4$s;
                            client_max_body_size 32m;
                            location / {
                                auth_basic "tenant";
                                auth_basic_user_file %1$s/htpasswd;
                                proxy_pass http://127.0.0.1:%5$d;
                                proxy_http_version 1.1;
                                proxy_set_header Connection "";
                                proxy_read_timeout 60s;
                            }
                        }
                    }
                    """.formatted(dir, port, certificate.toAbsolutePath(), key.toAbsolutePath(), upstreamPort));
            List<String> command = List.of(
                    nginx.toString(),
                    "-p",
                    dir.toString(),
                    "-e",
                    dir.resolve("error.log").toString(),
                    "-c",
                    config.toString(),
                    "-g",
                    "daemon off;");
            Nginx proxy = new Nginx(dir, port, command);
            proxy.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start nginx", e);
        }
    }

    /** The one user nginx lets through (the htpasswd file is read on every request). */
    public void credentials(String username, String password) {
        try {
            Process openssl = new ProcessBuilder("openssl", "passwd", "-apr1", "-stdin")
                    .redirectErrorStream(true)
                    .start();
            openssl.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
            openssl.getOutputStream().close();
            String hash = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (openssl.waitFor() != 0 || !hash.startsWith("$apr1$")) {
                throw new IllegalStateException("openssl passwd -apr1 failed: " + hash);
            }
            Files.writeString(directory.resolve("htpasswd"), username + ":" + hash + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the htpasswd file", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code https://localhost:<port>}. */
    public String baseUrl() {
        return "https://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts nginx (again, after {@link #stop()}) and waits until it accepts connections. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            directory.resolve("nginx.out").toFile()))
                    .start();
            Processes.awaitListening(process, "nginx", port, Duration.ofSeconds(30), this::log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start nginx", e);
        }
    }

    /** Stops nginx (SIGTERM: a fast shutdown); the port refuses connections until {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> workers = process.toHandle().descendants().toList();
        Processes.stop(process, Duration.ofSeconds(10));
        // The workers exit with the master; one that lingers must not keep the port.
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    /** nginx's error log and what it printed. */
    public String log() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("nginx.out", "error.log")) {
            try {
                text.append(Files.readString(directory.resolve(name)));
            } catch (IOException e) {
                // not written yet
            }
        }
        return text.toString();
    }

    /** Access log lines (one per request, with its status). */
    public List<String> accessLog() {
        try {
            return Files.readAllLines(directory.resolve("access.log"));
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        stop();
        Directories.deleteRecursively(directory);
    }
}
