package io.openjims.collector.syslog.listener;

import io.openjims.support.tls.Pem;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test senders: plain TCP (newline or octet-counting framing), TLS trusting the listener's certificate (with or without
 * a client certificate), UDP; TCP and UDP also from another loopback address.
 */
public final class SyslogSenders {

    private SyslogSenders() {}

    static byte[] newlineFramed(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] octetCounted(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.getBytes(StandardCharsets.UTF_8).length).append(' ').append(line);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void tcp(int port, byte[] stream) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(stream);
            out.flush();
        }
    }

    static void tls(int port, String certificatePem, byte[] stream) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry(
                "syslog",
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(
                                new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        try (SSLSocket socket =
                (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(stream);
            out.flush();
        }
    }

    /** A TLS socket to the listener, trusting its certificate and presenting {@code client} (null: no certificate). */
    static SSLSocket tlsSocket(int port, String certificatePem, TestCa.Client client) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                client == null
                        ? null
                        : Pem.keyManagers(client.certificatePem(), client.keyPem())
                                .getKeyManagers(),
                Pem.trustManagers(certificatePem).getTrustManagers(),
                null);
        return (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Writes the stream over the TLS socket and waits for the server: returns the failure the client saw (an alert,
     * or the connection closed), or null when the server kept the connection open and silent (accepted).
     */
    static IOException tlsRefusal(SSLSocket socket, byte[] stream) {
        try (socket) {
            socket.setSoTimeout(3000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(stream);
            out.flush();
            // A syslog server never answers: a refusal shows as an alert or the end of the stream.
            return socket.getInputStream().read() < 0 ? new EOFException("closed by the server") : null;
        } catch (SocketTimeoutException accepted) {
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** A plain TCP connection to the listener from a local address such as {@code 127.0.0.3}. */
    static Socket tcpFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        return socket;
    }

    static void tcpFrom(String localAddress, int port, byte[] stream) throws IOException {
        try (Socket socket = tcpFrom(localAddress, port)) {
            OutputStream out = socket.getOutputStream();
            out.write(stream);
            out.flush();
        }
    }

    /** Datagrams from a local address such as {@code 127.0.0.2} (the whole of 127/8 is loopback on Linux). */
    static void udpFrom(String localAddress, int port, List<String> lines) throws IOException {
        try (DatagramSocket socket =
                new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0))) {
            for (String line : lines) {
                byte[] data = line.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    public static void udp(int port, List<String> lines) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            for (String line : lines) {
                byte[] data = line.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
            }
        }
    }
}
