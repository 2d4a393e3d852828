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
}
