package io.openjims.devinfra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service of the stack running as its own JVM ({@code java -jar quarkus-run.jar}), output to a log file. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path logFile;
    private final URI baseUri;
    private final URI managementUri;
    private final ProcessBuilder builder;
    private final Process process;

    private ServiceProcess(
            String name, Path logFile, URI baseUri, URI managementUri, ProcessBuilder builder, Process process) {
        this.name = name;
        this.logFile = logFile;
        this.baseUri = baseUri;
        this.managementUri = managementUri;
        this.builder = builder;
        this.process = process;
    }

    /**
     * Starts {@code jar} with the given environment added to this process's environment.
     *
     * @param baseUri where the service answers its API, e.g. {@code https://localhost:8443}
     * @param managementUri its management interface (health, metrics), e.g. {@code http://127.0.0.1:9000}
     */
    public static ServiceProcess start(
            String name,
            Path jar,
            List<String> jvmOptions,
            Map<String, String> environment,
            Path logFile,
            URI baseUri,
            URI managementUri) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar
                    + " is missing. Run ./mvnw package -DskipTests (./openjims-local does it for you).");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(logFile.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            return new ServiceProcess(name, logFile, baseUri, managementUri, builder, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** Starts the same command again (after this process exited), its output appended to the same log. */
    public ServiceProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        try {
            Files.writeString(
                    logFile,
                    "%n[openjims-local] ---- restarted after exit code %d ----%n".formatted(process.exitValue()),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            return new ServiceProcess(name, logFile, baseUri, managementUri, builder, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart " + name, e);
        }
    }

    /** The exit code, or empty while it runs. */
    public java.util.OptionalInt exitCode() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    public String name() {
        return name;
    }

    public URI baseUri() {
        return baseUri;
    }

    public URI managementUri() {
        return managementUri;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early, with the log's tail, if the process dies. */
    public void awaitReady(HttpClient client, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(managementUri.resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before it was"
                        + " ready. Last lines of " + logFile + ":\n" + tail(40));
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s (last answer: "
                + last + "). Last lines of " + logFile + ":\n" + tail(40));
    }

    /** The last {@code lines} lines of the service's log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e + ")";
        }
    }

    /** Asks the service to stop (SIGTERM, Quarkus shuts down gracefully) and kills it if it takes too long. */
    @Override
    public void close() {
        io.openjims.devinfra.Processes.stop(process, Duration.ofSeconds(20));
    }
}
