import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback that plays a database that is up, refusing or black-holed, for bench/run.sh.
 *
 * <pre>java bench/Proxy.java LISTEN_PORT TARGET_PORT CONTROL_PORT</pre>
 *
 * Send one line to CONTROL_PORT (127.0.0.1) to change mode; it answers "ok MODE":
 * <ul>
 *   <li>{@code forward}: connections are relayed to 127.0.0.1:TARGET_PORT;
 *   <li>{@code refuse}: the listening socket is closed (new connections are refused) and every open
 *       connection is reset;
 *   <li>{@code blackhole}: new connections are accepted and never answered, and open connections stop
 *       relaying in both directions (nothing is read, nothing is written, nothing is closed).
 * </ul>
 */
public class Proxy {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int listenPort;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile String mode = "forward";
    private volatile ServerSocket server;

    Proxy(int listenPort, int targetPort) {
        this.listenPort = listenPort;
        this.targetPort = targetPort;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java Proxy.java LISTEN_PORT TARGET_PORT CONTROL_PORT");
            System.exit(2);
        }
        Proxy proxy = new Proxy(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        proxy.listen();
        try (ServerSocket control = new ServerSocket()) {
            control.setReuseAddress(true);
            control.bind(new InetSocketAddress(LOOPBACK, Integer.parseInt(args[2])));
            System.out.println("proxy 127.0.0.1:" + args[0] + " -> 127.0.0.1:" + args[1] + ", control on " + args[2]);
            System.out.flush();
            while (true) {
                try (Socket c = control.accept()) {
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
                    String line = in.readLine();
                    String answer = proxy.mode(line == null ? "" : line.strip());
                    PrintWriter out = new PrintWriter(c.getOutputStream(), true, StandardCharsets.US_ASCII);
                    out.println(answer);
                }
            }
        }
    }

    synchronized String mode(String wanted) throws IOException {
        switch (wanted) {
            case "forward", "blackhole" -> {
                mode = wanted;
                if (server == null) {
                    listen();
                }
            }
            case "refuse" -> {
                mode = wanted;
                ServerSocket s = server;
                server = null;
                if (s != null) {
                    s.close();
                }
                for (Socket socket : open) {
                    reset(socket);
                }
            }
            default -> {
                return "error unknown mode '" + wanted + "' (forward, refuse, blackhole)";
            }
        }
        return "ok " + mode;
    }

    private void listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(LOOPBACK, listenPort), 512);
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // closed by refuse
            }
            open.add(client);
            if (!"forward".equals(mode)) {
                continue; // black hole: hold it, say nothing
            }
            try {
                Socket upstream = new Socket(LOOPBACK, targetPort);
                upstream.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16384];
                    try {
                        InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream();
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            while (!"forward".equals(mode)) {
                                if ("refuse".equals(mode) || from.isClosed()) {
                                    throw new IOException("refused");
                                }
                                Thread.sleep(50); // black hole: keep the bytes, send nothing
                            }
                            out.write(buffer, 0, n);
                        }
                        to.shutdownOutput();
                    } catch (IOException | InterruptedException e) {
                        reset(from);
                        reset(to);
                    }
                },
                "pump");
        t.setDaemon(true);
        t.start();
    }

    private void reset(Socket socket) {
        open.remove(socket);
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
