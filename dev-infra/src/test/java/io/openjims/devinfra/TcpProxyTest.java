package io.openjims.devinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    @Test
    void forwardsThenRefusesWhileCutThenForwardsAgain() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                TcpProxy proxy = TcpProxy.start(0, echo.getLocalPort())) {
            Thread server = new Thread(() -> echoAll(echo));
            server.setDaemon(true);
            server.start();

            assertThat(roundTrip(proxy.port(), "one")).isEqualTo("one");

            try (Socket open = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                open.setSoTimeout(5000);
                // cut only once the proxy accepted it: a connection still in the listen backlog is reset, not closed
                await().atMost(Duration.ofSeconds(10)).until(() -> proxy.forwardedConnections() == 1);
                proxy.cut();
                assertThat(open.getInputStream().read())
                        .as("an open connection is closed by the cut")
                        .isEqualTo(-1);
            }
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()).close())
                    .isInstanceOf(IOException.class);

            proxy.restore();
            assertThat(roundTrip(proxy.port(), "two")).isEqualTo("two");
        }
    }

    private static String roundTrip(int port, String text) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void echoAll(ServerSocket echo) {
        while (!echo.isClosed()) {
            try (Socket client = echo.accept()) {
                client.getOutputStream().write(client.getInputStream().readAllBytes());
            } catch (IOException e) {
                return;
            }
        }
    }
}
