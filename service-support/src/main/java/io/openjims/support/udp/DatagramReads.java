package io.openjims.support.udp;

import io.netty.channel.Channel;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.vertx.core.datagram.DatagramSocket;
import java.lang.reflect.Field;
import org.jboss.logging.Logger;

/**
 * Fast reads for a Vert.x UDP socket. Vert.x reads every datagram into a buffer as large as the socket's receive buffer
 * (4 MiB: one such allocation per datagram, a few thousand datagrams/s at most, the rest overflowing the kernel
 * buffer) and only one datagram per event-loop turn. A buffer one byte larger than the longest accepted datagram is
 * enough (a longer one still shows as too long), and several datagrams are read per turn. Without access to the
 * channel the Vert.x defaults stay (logged).
 */
public final class DatagramReads {

    private static final Logger LOG = Logger.getLogger(DatagramReads.class);

    private DatagramReads() {}

    /** Reads up to {@code perRead} datagrams of at most {@code bufferSize} bytes per event-loop turn. */
    public static void tune(DatagramSocket socket, int bufferSize, int perRead, String what) {
        try {
            channel(socket)
                    .config()
                    .setRecvByteBufAllocator(new FixedRecvByteBufAllocator(bufferSize).maxMessagesPerRead(perRead));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("%s reads stay with the Vert.x buffer (one per datagram, slow): %s", what, e.toString());
        }
    }

    /** The Netty channel under a Vert.x UDP socket (to put a handler of one's own in its pipeline). */
    public static Channel channel(DatagramSocket socket) throws ReflectiveOperationException {
        Field field = socket.getClass().getDeclaredField("channel");
        field.setAccessible(true);
        return (Channel) field.get(socket);
    }
}
