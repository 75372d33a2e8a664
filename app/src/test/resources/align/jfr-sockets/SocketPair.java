import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A client and a server in one JVM on loopback: four client connections to the same server port at once, each making
 * request/response exchanges of a few sizes (repeated, so sizes alone do not tell the connections apart), each
 * message written with one write call; the server closes first, so every client ends with an end-of-stream read.
 * Run under JFR with socket thresholds at 0 (see make.sh), it gives SocketRead and SocketWrite events on both ends.
 */
public final class SocketPair {
    private static final int PORT = 47311;
    private static final int CONNECTIONS = 4;
    private static final int EXCHANGES = 15;
    private static final int[] SIZES = {120, 340, 120, 900};

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(PORT, 16, InetAddress.getByName("127.0.0.1"))) {
            Thread accept = new Thread(() -> serve(server), "server");
            accept.start();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int id = c;
                Thread t = new Thread(() -> client(id), "client-" + c);
                clients.add(t);
                t.start();
            }
            for (Thread t : clients) {
                t.join();
            }
            accept.join();
        }
    }

    private static void serve(ServerSocket server) {
        List<Thread> handlers = new ArrayList<>();
        try {
            for (int c = 0; c < CONNECTIONS; c++) {
                Socket s = server.accept();
                Thread t = new Thread(() -> handle(s), "handler-" + c);
                handlers.add(t);
                t.start();
            }
            for (Thread t : handlers) {
                t.join();
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads each request whole (its first 4 bytes say its length), answers with a response of the next size. */
    private static void handle(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < EXCHANGES; i++) {
                int n = in.readInt();
                in.readFully(new byte[n - 4]);
                out.write(message(SIZES[(i + 1) % SIZES.length]));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void client(int id) {
        Random r = new Random(id);
        try (Socket s = new Socket("127.0.0.1", PORT)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[4096];
            for (int i = 0; i < EXCHANGES; i++) {
                Thread.sleep(20 + r.nextInt(60));
                out.write(message(SIZES[(i + id) % SIZES.length]));
                int want = SIZES[(i + 1) % SIZES.length];
                for (int got = 0; got < want; ) {
                    got += in.read(buf, 0, Math.min(buf.length, want - got));
                }
            }
            if (in.read(buf) != -1) {
                throw new IllegalStateException("the server should have closed");
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] message(int size) {
        byte[] m = new byte[size];
        m[0] = (byte) (size >>> 24);
        m[1] = (byte) (size >>> 16);
        m[2] = (byte) (size >>> 8);
        m[3] = (byte) size;
        return m;
    }
}
