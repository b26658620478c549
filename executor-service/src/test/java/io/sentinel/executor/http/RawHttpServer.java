package io.sentinel.executor.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately misbehaving HTTP peer on a plain socket, for what WireMock cannot do: record the
 * request line exactly as sent, trickle its headers, or send a body that never ends.
 */
final class RawHttpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Responder responder;
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    RawHttpServer(Responder responder) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.responder = responder;
        Thread.ofPlatform().daemon().name("raw-http-" + socket.getLocalPort()).start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Each request's line and headers, as received. */
    List<String> requestHeads() {
        return requestHeads;
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            requestHeads.add(readHead(connection.getInputStream()));
            responder.respond(connection.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // the client went away, as the tests expect it to
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int b;
        while (matched < end.length && (b = in.read()) != -1) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** What the peer writes back. */
    @FunctionalInterface
    interface Responder {

        void respond(OutputStream out) throws IOException, InterruptedException;

        static Responder ok(String body) {
            return out -> out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1));
        }

        /** The status line and headers, one byte at a time: the headers never complete within a short deadline. */
        static Responder tricklingHeaders(long pauseMillis) {
            return out -> {
                for (byte b : "HTTP/1.1 200 OK\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(pauseMillis);
                }
            };
        }

        /** A 200 whose body never ends. */
        static Responder endlessBody() {
            return out -> {
                out.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                byte[] chunk = new byte[16 * 1024];
                while (true) {
                    out.write(chunk);
                }
            };
        }
    }
}
