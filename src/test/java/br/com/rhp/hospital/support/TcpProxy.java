package br.com.rhp.hospital.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback that a test controls, to simulate the network between a node and its
 * database: {@link #forward()} passes bytes both ways; {@link #refuse()} resets every connection and
 * refuses new ones (server down); {@link #blackhole()} accepts connections and swallows everything,
 * never answering (a frozen server, a dead route).
 */
public final class TcpProxy implements AutoCloseable {

    /** What the proxy does with traffic. */
    public enum Mode {
        FORWARD,
        REFUSE,
        BLACKHOLE
    }

    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket server;
    private volatile boolean closed;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            ServerSocket first = bind(0);
            this.port = first.getLocalPort();
            this.server = first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startAccepting(server);
    }

    public int port() {
        return port;
    }

    public Mode mode() {
        return mode;
    }

    public synchronized void forward() {
        mode = Mode.FORWARD;
        ensureListening();
    }

    public synchronized void blackhole() {
        mode = Mode.BLACKHOLE;
        ensureListening();
    }

    public synchronized void refuse() {
        mode = Mode.REFUSE;
        ServerSocket s = server;
        server = null;
        closeQuietly(s);
        for (Socket socket : sockets) {
            reset(socket);
        }
        sockets.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
        refuse();
    }

    private void ensureListening() {
        if (server == null && !closed) {
            try {
                server = bind(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen again on " + port, e);
            }
            startAccepting(server);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return s;
    }

    private void startAccepting(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    sockets.add(client);
                    connect(client);
                } catch (IOException e) {
                    return; // closed by refuse()
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.setName("tcp-proxy-accept-" + port);
        acceptor.start();
    }

    private void connect(Socket client) {
        Thread opener = new Thread(() -> {
            Socket upstream = null;
            try {
                upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                reset(client);
                if (upstream != null) {
                    reset(upstream);
                }
            }
        });
        opener.setDaemon(true);
        opener.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (mode == Mode.FORWARD) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                    // BLACKHOLE: the bytes are swallowed and nothing ever comes back
                }
            } catch (IOException e) {
                // connection reset or closed: the other direction notices on its own
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to do: the test only needs the connection gone
        }
    }
}
