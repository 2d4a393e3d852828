package io.openjims.devinfra.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Sends syslog messages in the generic {@code key=value} logon form, as {@code logger} would. */
public final class SyslogSender {

    private static final DateTimeFormatter RFC3164 = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private SyslogSender() {}

    /** The generic logon/logoff message body of the design: {@code user=… domain=… ip=… action=login}. */
    public static String keyValue(String user, String domain, String ip, boolean logon) {
        return "user=" + user + " domain=" + domain + " ip=" + ip + " action=" + (logon ? "login" : "logout");
    }

    /** An RFC 3164 message (facility auth, severity info) carrying {@code body}. */
    public static String rfc3164(String body) {
        String timestamp = RFC3164.format(ZonedDateTime.now(ZoneOffset.UTC));
        return "<38>" + timestamp + " openjims-demo openjims: " + body;
    }

    public static void udp(int port, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not send syslog over UDP to port " + port, e);
        }
    }

    /** Sends one message over TCP with RFC 6587 octet counting. */
    public static void tcp(int port, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            OutputStream out = socket.getOutputStream();
            out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not send syslog over TCP to port " + port, e);
        }
    }

    /**
     * Sends {@code messages} over one TCP connection (RFC 6587 octet counting), half-closes it and waits for the
     * collector to close its side: true when it did, i.e. it read every message; false when the connection was
     * refused, reset or not closed within {@code timeout} (then some messages may or may not have been read).
     */
    public static boolean tcpConfirmed(int port, java.util.List<String> messages, java.time.Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
            for (String message : messages) {
                byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                frames.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
                frames.write(bytes);
            }
            out.write(frames.toByteArray());
            out.flush();
            socket.shutdownOutput();
            return socket.getInputStream().read() == -1;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends {@code messages} over one RELP session (open, one {@code syslog} command each, close), as rsyslog's
     * {@code omrelp} does, and returns for each message whether the collector answered it {@code 200 OK}: it does
     * so only once Kafka acknowledged the event. A message without an answer (refused, reset, timed out) may or may
     * not have arrived.
     */
    public static boolean[] relp(int port, java.util.List<String> messages, java.time.Duration timeout) {
        boolean[] acked = new boolean[messages.size()];
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
            relpFrame(frames, 1, "open", "relp_version=0\nrelp_software=openjims-test\ncommands=syslog");
            for (int i = 0; i < messages.size(); i++) {
                relpFrame(frames, i + 2, "syslog", messages.get(i));
            }
            relpFrame(frames, messages.size() + 2, "close", "");
            socket.getOutputStream().write(frames.toByteArray());
            socket.getOutputStream().flush();
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            while (true) {
                String txnr = relpToken(in);
                String command = relpToken(in);
                if (txnr == null || command == null) {
                    return acked;
                }
                // DATALEN, then a space and the data, or the frame's newline at once when there is no data.
                int length = 0;
                int b;
                while ((b = in.read()) >= '0' && b <= '9') {
                    length = length * 10 + (b - '0');
                }
                String data = "";
                if (b == ' ') {
                    data = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    in.read(); // the trailing newline
                }
                int index = Integer.parseInt(txnr) - 2;
                if (command.equals("rsp") && index >= 0 && index < acked.length) {
                    acked[index] = data.startsWith("200");
                }
                if (index == messages.size() || command.equals("serverclose")) {
                    return acked;
                }
            }
        } catch (IOException | RuntimeException e) {
            return acked;
        }
    }

    private static void relpFrame(java.io.ByteArrayOutputStream out, long txnr, String command, String data)
            throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((txnr + " " + command + " " + bytes.length + (bytes.length == 0 ? "" : " "))
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write('\n');
    }

    /** The next header token (up to a space or newline), or null at the end of the stream. */
    private static String relpToken(java.io.InputStream in) throws IOException {
        StringBuilder token = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b == -1) {
                return null;
            }
            if (b == ' ' || b == '\n') {
                if (token.length() > 0) {
                    return token.toString();
                }
                continue;
            }
            token.append((char) b);
        }
    }
}
