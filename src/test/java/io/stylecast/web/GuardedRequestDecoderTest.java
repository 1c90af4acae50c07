package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one use of Vert.x internals ({@link GuardedRequestDecoder}) against the Vert.x on the class path: a new
 * connection gets the guarded decoder, a prompt request is answered, headers that trickle in are cut off, and a
 * request with both lengths is refused. If a Vert.x upgrade renames the decoder or changes the pipeline, the first
 * test says so.
 */
class GuardedRequestDecoderTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<Boolean> installed = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() {
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false);
        server = vertx.createHttpServer(options)
                .connectionHandler(connection -> installed.add(GuardedRequestDecoder.install(connection, options, 300, 300)))
                .requestHandler(request -> request.response().end("ok"))
                .listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.actualPort());
        socket.setSoTimeout(100);
        return socket;
    }

    @Test
    void aNewConnectionGetsTheGuardedDecoderAndAPromptRequestIsAnswered() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("HTTP/1.1 200", new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1));
        }
        assertEquals(List.of(true), installed, "Vert.x's HTTP/1 decoder (VertxHttpRequestDecoder, named httpDecoder in"
                + " the connection's pipeline) was not found: this Vert.x differs from the one GuardedRequestDecoder was"
                + " written for, and the header and body deadlines are not enforced");
    }

    @Test
    void headersThatTrickleInAreCutOff() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            int lines = 0;
            boolean closed = false;
            while (!closed && lines < 200) {
                try {
                    socket.getOutputStream().write(("X-Slow-" + lines++ + ": 1\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    closed = in.read() == -1;
                } catch (SocketTimeoutException e) {
                    // nothing yet: the next line
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertTrue(closed, "still open after " + lines + " header lines");
        }
    }

    @Test
    void aRequestWithBothLengthsIsRefused() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("HTTP/1.1 400", new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1));
        }
    }
}
