package io.openjims.devinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The FreeRADIUS client {@code radclient} (Debian freeradius-utils, listed in .ci/packages.txt): sends one
 * Accounting-Request built from attribute lines ({@code Packet-Src-IP-Address = 127.0.0.2} picks the source
 * address) and reports what it printed. Required: a test using it fails when it is missing.
 */
public final class Radclient {

    /** What radclient printed (with {@code -x}) and its exit code. */
    public record Result(int exitCode, String output) {

        /** radclient received an Accounting-Response whose authenticator matched the secret. */
        public boolean answered() {
            return exitCode == 0 && output.contains("Received Accounting-Response");
        }
    }

    private Radclient() {}

    /** The radclient executable; throws when it is not installed. */
    public static String path() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path candidate = Path.of(dir, "radclient");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(
                "radclient is required: install Debian package freeradius-utils (.ci/packages.txt)");
    }

    /** Sends one request; waits {@code timeoutSeconds} per try, {@code tries} tries. */
    public static Result acct(String server, String secret, List<String> attributes, int tries, double timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                path(),
                "-x",
                "-r",
                Integer.toString(tries),
                "-t",
                Double.toString(timeoutSeconds),
                server,
                "acct",
                secret));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((String.join("\n", attributes) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("radclient did not end within 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    /** Sends one request that should be answered (three tries of 3 s). */
    public static Result acct(String server, String secret, List<String> attributes)
            throws IOException, InterruptedException {
        return acct(server, secret, attributes, 3, 3);
    }
}
