package io.openjims.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs command-line tools the deployment tests need and finds the repository root. */
public final class Tools {

    private Tools() {}

    /** The repository root (the e2e-tests module's parent); Maven passes it as {@code openjims.root}. */
    public static Path root() {
        return Path.of(System.getProperty("openjims.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** The first of {@code names} found on the PATH, or null. */
    static Path onPath(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** A finished command: exit code, standard output and standard error. */
    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(Path workingDirectory, List<String> command) {
        try {
            Path out = Files.createTempFile("openjims-tool", ".out");
            Path err = Files.createTempFile("openjims-tool", ".err");
            try {
                Process process = new ProcessBuilder(new ArrayList<>(command))
                        .directory(workingDirectory.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("%s did not finish within 120 s", command);
                }
                return new Result(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command, e);
        }
    }
}
