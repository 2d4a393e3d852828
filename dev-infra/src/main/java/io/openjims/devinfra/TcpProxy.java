package io.openjims.devinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port that forwards every connection to a target port, and can be cut (the port refuses
 * connections and every open one is closed) and restored, to make one client's link to a server fail.
 */
public final class TcpProxy implements AutoCloseable {

    private final int port;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;

    private TcpProxy(int port, int target) {
        this.port = port;
        this.target = target;
    }

    /** Starts forwarding {@code port} (0 for a free one) to {@code target} on the loopback address. */
    public static TcpProxy start(int port, int target) {
        TcpProxy proxy = new TcpProxy(port == 0 ? FreePorts.next() : port, target);
        proxy.restore();
        return proxy;
    }

    public int port() {
        return port;
    }

    public int target() {
        return target;
    }

    /** Client connections being forwarded now. */
    public synchronized int forwardedConnections() {
        return open.size() / 2;
    }

    /** Stops accepting (connections are refused) and closes every forwarded connection. */
    public synchronized void cut() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts and forwards again on the same port. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
            Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on port " + port, e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                synchronized (this) {
                    if (server != socket) {
                        // cut() while this connection was being set up
                        closeQuietly(client);
                        closeQuietly(upstream);
                        continue;
                    }
                    open.add(client);
                    open.add(upstream);
                }
                java.util.concurrent.atomic.AtomicInteger directions = new java.util.concurrent.atomic.AtomicInteger(2);
                pipe(client, upstream, directions);
                pipe(upstream, client, directions);
            } catch (IOException e) {
                // closed by cut(), or the target refused: the client sees its connection end
            }
        }
    }

    /** Copies {@code from} to {@code to}; passes a half-close on, closes both once both directions ended. */
    private void pipe(Socket from, Socket to, java.util.concurrent.atomic.AtomicInteger directionsLeft) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16384];
                    boolean clean = false;
                    try {
                        InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream();
                        int read;
                        while ((read = in.read(buffer)) != -1) {
                            out.write(buffer, 0, read);
                        }
                        to.shutdownOutput();
                        clean = true;
                    } catch (IOException e) {
                        // either side closed, or cut()
                    } finally {
                        if (!clean || directionsLeft.decrementAndGet() == 0) {
                            closeQuietly(from);
                            closeQuietly(to);
                            open.remove(from);
                            open.remove(to);
                        }
                    }
                },
                "tcp-proxy-pipe-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
