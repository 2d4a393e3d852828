package io.openjims.collector.syslog.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.collector.syslog.samples.SyslogSamples;
import io.openjims.collector.syslog.service.SyslogCounters;
import io.openjims.collector.syslog.service.SyslogCounters.Outcome;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.Rsyslog;
import io.openjims.model.IdentityEvent;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RELP (rsyslog's omrelp) over a real socket: the handshake, an answer per message in frame order once the events are
 * on the real identity.events topic, protocol errors answered with {@code serverclose}, and a real rsyslog forwarding
 * through it.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RelpListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    SyslogServer server;

    @Inject
    SyslogCounters counters;

    private EventsTopic topic;

    @BeforeEach
    void openTopic() {
        topic = new EventsTopic();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    private static String prefix() {
        return "10." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255) + ".";
    }

    @Test
    void aRelpClientGetsTheOffersAndAnAnswerPerMessageInOrder() throws Exception {
        String p = prefix();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.relpPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(frame(1, "open", "relp_version=0\nrelp_software=test\ncommands=syslog"));
            out.write(frame(2, "syslog", SyslogSamples.keyValue(p + 1, "alice", "login")));
            out.write(frame(3, "syslog", "<13>Dec  7 08:00:00 host cron[1]: nothing about identities"));
            out.write(frame(4, "syslog", SyslogSamples.keyValue(p + 2, "bob", "login") + "\n"));
            out.write(frame(5, "close", ""));
            out.flush();

            String answers = readToEnd(socket.getInputStream());
            assertThat(answers)
                    .isEqualTo("1 rsp 60 200 OK\nrelp_version=0\nrelp_software=OpenJIMS\ncommands=syslog\n"
                            + "2 rsp 6 200 OK\n"
                            + "3 rsp 6 200 OK\n"
                            + "4 rsp 6 200 OK\n"
                            + "5 rsp 0\n");
        }
        List<ConsumerRecord<String, IdentityEvent>> events =
                topic.await(r -> r.key().startsWith(p), 2, WAIT);
        assertThat(events).extracting(r -> r.value().user()).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void aProtocolErrorIsAnsweredWithServercloseAfterTheMessagesBeforeIt() throws Exception {
        String p = prefix();
        long dropped = counters.total(Outcome.DROPPED);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.relpPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(frame(1, "syslog", SyslogSamples.keyValue(p + 1, "carol", "login")));
            out.write("2 syslog 999999 tooshort\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readToEnd(socket.getInputStream())).isEqualTo("1 rsp 6 200 OK\n0 serverclose 0\n");
        }
        assertThat(counters.total(Outcome.DROPPED) - dropped).isEqualTo(1);
        assertThat(topic.await(r -> r.key().startsWith(p), 1, WAIT))
                .extracting(r -> r.value().user())
                .containsExactly("carol");
    }

    @Test
    void aRealRsyslogForwardsOverRelpAndEveryLogonArrives() {
        String p = prefix();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            lines.add("<134>Dec  7 08:00:00 portal app: user=u" + i + " domain=example.com ip=" + p + i
                    + " action=login");
        }
        try (Rsyslog rsyslog = Rsyslog.forwardingTo("127.0.0.1", server.relpPort())) {
            rsyslog.send(lines);
            List<ConsumerRecord<String, IdentityEvent>> events =
                    topic.await(r -> r.key().startsWith(p), 200, WAIT);
            assertThat(events).as(rsyslog.log()).hasSize(200);
            assertThat(events).extracting(r -> r.value().user()).contains("u1", "u200");
        }
    }

    private static byte[] frame(long txnr, String command, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        String head = txnr + " " + command + " " + bytes.length + (bytes.length == 0 ? "" : " ");
        byte[] out = new byte[head.length() + bytes.length + 1];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, head.length());
        System.arraycopy(bytes, 0, out, head.length(), bytes.length);
        out[out.length - 1] = '\n';
        return out;
    }

    private static String readToEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
