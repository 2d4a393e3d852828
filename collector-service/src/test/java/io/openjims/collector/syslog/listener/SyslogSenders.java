package io.openjims.collector.syslog.listener;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Test senders: plain TCP (newline or octet-counting framing), TLS trusting the listener's certificate, UDP. */
final class SyslogSenders {

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

    static void udp(int port, List<String> lines) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            for (String line : lines) {
                byte[] data = line.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
            }
        }
    }
}
