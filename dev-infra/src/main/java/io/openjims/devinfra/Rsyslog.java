package io.openjims.devinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real rsyslog (Debian {@code rsyslog} + {@code rsyslog-relp}) that takes syslog lines over TCP on a loopback port
 * and forwards them with {@code omrelp} to a RELP listener, keeping what was not acknowledged in its queue and
 * retrying every second while the listener is away, as a relay in front of OpenJIMS is set up.
 */
public final class Rsyslog implements AutoCloseable {

    private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

    private final Process process;
    private final Path directory;
    private final int inputPort;

    private Rsyslog(Process process, Path directory, int inputPort) {
        this.process = process;
        this.directory = directory;
        this.inputPort = inputPort;
    }

    /** Whether rsyslogd and its RELP output module are installed. */
    public static boolean installed() {
        return Files.isExecutable(RSYSLOGD) && omrelp() != null;
    }

    private static Path omrelp() {
        for (String dir : List.of(
                "/usr/lib/x86_64-linux-gnu/rsyslog", "/usr/lib/aarch64-linux-gnu/rsyslog", "/usr/lib/rsyslog")) {
            Path module = Path.of(dir, "omrelp.so");
            if (Files.isRegularFile(module)) {
                return module;
            }
        }
        return null;
    }

    /** Starts rsyslogd forwarding to {@code relpHost:relpPort}; returns once its TCP input accepts connections. */
    public static Rsyslog forwardingTo(String relpHost, int relpPort) {
        if (!installed()) {
            throw new IllegalStateException("rsyslogd with omrelp is not installed: apt-get install rsyslog"
                    + " rsyslog-relp (.ci/run installs what .ci/packages.txt lists)");
        }
        try {
            Path dir = Files.createTempDirectory("openjims-rsyslog");
            int input = FreePorts.next();
            Path config = dir.resolve("rsyslog.conf");
            Files.writeString(config, """
                    global(workDirectory="%s" maxMessageSize="8k")
                    module(load="imtcp")
                    module(load="omrelp")
                    input(type="imtcp" address="127.0.0.1" port="%d")
                    action(type="omrelp" target="%s" port="%d" template="RSYSLOG_ForwardFormat"
                           queue.type="LinkedList" queue.size="100000"
                           action.resumeRetryCount="-1" action.resumeInterval="1")
                    """.formatted(dir, input, relpHost, relpPort));
            Process process = new ProcessBuilder(
                            RSYSLOGD.toString(),
                            "-n",
                            "-f",
                            config.toString(),
                            "-i",
                            dir.resolve("rsyslogd.pid").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("rsyslogd.log").toFile())
                    .start();
            Rsyslog rsyslog = new Rsyslog(process, dir, input);
            rsyslog.awaitInput(Duration.ofSeconds(30));
            return rsyslog;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start rsyslogd", e);
        }
    }

    private void awaitInput(Duration timeout) {
        Processes.awaitListening(process, "rsyslogd", inputPort, timeout, this::log);
    }

    /** The port of rsyslog's TCP input (newline-framed syslog). */
    public int inputPort() {
        return inputPort;
    }

    /** Sends lines to rsyslog's TCP input on one connection. */
    public void send(List<String> lines) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), inputPort)) {
            OutputStream out = socket.getOutputStream();
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not send to rsyslog", e);
        }
    }

    /** What rsyslogd printed (errors about the RELP target show here). */
    public String log() {
        try {
            return Files.readString(directory.resolve("rsyslogd.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
