package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.stylecast.IntegrationTest;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hardening, round two, for connections and sockets: slow or silent connections are cut off, and
 * no client or session can hold sockets without bound, while a bystander session keeps streaming.
 */
@IntegrationTest
class ConnectionLimitsTest {

    @TempDir
    Path dir;

    ServerFixture server;
    final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private String startWith(JsonObject overrides) throws IOException {
        server = ServerFixture.start(dir, overrides);
        return server.createEndlessSession().getString("id");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.server.port());
        socket.setSoTimeout(100);
        sockets.add(socket);
        return socket;
    }

    /** Writes {@code trickle} one line at a time, every 200 ms, until the server closes; returns the seconds it took. */
    private static double secondsUntilClosed(Socket socket, List<String> trickle) throws Exception {
        long start = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        for (int i = 0; System.nanoTime() - start < 20e9; i++) {
            try {
                if (i < trickle.size()) {
                    out.write(trickle.get(i).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                if (in.read() == -1) {
                    return (System.nanoTime() - start) / 1e9;
                }
            } catch (SocketTimeoutException e) {
                Thread.sleep(100);
            } catch (IOException e) {
                return (System.nanoTime() - start) / 1e9;
            }
        }
        throw new AssertionError("the server kept the connection open for 20 s");
    }

    @Test
    void headersAndBodiesThatTrickleInAreCutOff() throws Exception {
        String bystander = startWith(new JsonObject().put("http", new JsonObject()
                .put("headerTimeoutSeconds", 1).put("bodyTimeoutSeconds", 2)));
        List<String> headerLines = new ArrayList<>(List.of("GET /api/health HTTP/1.1\r\n"));
        for (int i = 0; i < 100; i++) {
            headerLines.add("X-Slow-" + i + ": 1\r\n");
        }
        double headers = secondsUntilClosed(connect(), headerLines);
        assertTrue(headers >= 0.9 && headers < 4, "headers still trickling after 1 s are cut off, took " + headers + " s");
        List<String> bodyParts = new ArrayList<>(List.of("POST /api/sessions HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"));
        for (int i = 0; i < 100; i++) {
            bodyParts.add(" ");
        }
        double body = secondsUntilClosed(connect(), bodyParts);
        assertTrue(body >= 1.9 && body < 5, "a body still trickling after 2 s is cut off, took " + body + " s");
        double silent = secondsUntilClosed(connect(), List.of());
        assertTrue(silent >= 0.9 && silent < 4, "a connection that sends nothing is cut off like slow headers, took " + silent + " s");
        server.assertProgressing(bystander);
    }

    @Test
    void idleConnectionsMeetTheIdleTimeoutButPingedViewersStay() throws Exception {
        String bystander = startWith(new JsonObject().put("http", new JsonObject().put("idleTimeoutSeconds", 2)));
        JsonObject paused = server.createEndlessSession();
        WsViewer owner = server.viewer(paused.getString("id"), paused.getString("ownerToken"));
        owner.send(new JsonObject().put("type", "pause"));
        double idle = secondsUntilClosed(connect(), List.of("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertTrue(idle >= 1.9 && idle < 6, "a kept-alive connection that goes quiet is closed after the idle timeout, took "
                + idle + " s");
        Thread.sleep(3000);
        assertTrue(!owner.closed, "the viewer of a paused session is pinged and stays");
        server.assertProgressing(bystander);
    }

    @Test
    void oneClientCannotHoldUnboundedConnections() throws Exception {
        String bystander = startWith(new JsonObject().put("limits", new JsonObject().put("maxConnectionsPerClient", 6)));
        for (int i = 0; i < 6; i++) {
            connect();
        }
        double refused = secondsUntilClosed(connect(), List.of());
        assertTrue(refused < 2, "the connection past the cap is closed at once, took " + refused + " s");
        for (Socket socket : sockets) {
            socket.close();
        }
        Thread.sleep(200);
        server.assertProgressing(bystander);
    }

    @Test
    void aSessionHasAtMostMaxViewersButItsOwnerAlwaysGetsIn() throws Exception {
        startWith(new JsonObject().put("limits", new JsonObject().put("maxViewersPerSession", 2)));
        JsonObject session = server.createEndlessSession();
        String id = session.getString("id");
        WsViewer first = server.viewer(id, null);
        first.next("status");
        server.viewer(id, null).next("status");
        WsViewer third = server.viewer(id, null);
        await("the third viewer is refused").atMost(java.time.Duration.ofSeconds(10)).until(() -> third.closed);
        assertEquals(1013, (int) third.socket.closeStatusCode());
        assertEquals("this session already has its maximum of 2 viewers", third.socket.closeReason());
        ServerFixture.await(first.socket.close());
        Thread.sleep(300);
        WsViewer again = server.viewer(id, null);
        assertEquals("status", again.next("status").type(), "a seat given back is taken again");
        again.next("progress");
        WsViewer owner = server.viewer(id, session.getString("ownerToken"));
        assertTrue(owner.next("status").json().getBoolean("owner"), "the owner gets in past the cap");
        owner.next("progress");
    }

    @Test
    void webSocketUpgradesCountAgainstTheRequestRateAndAreNotCompressed() throws Exception {
        String bystander = startWith(new JsonObject());
        WebSocketClient deflating = server.vertx.createWebSocketClient(new WebSocketClientOptions()
                .setTryUsePerMessageCompression(true).setTryUsePerFrameCompression(true));
        var socket = ServerFixture.await(deflating.connect(server.server.port(), "127.0.0.1", "/ws/sessions/" + bystander));
        assertNull(socket.headers().get("Sec-WebSocket-Extensions"), "no compression is negotiated for image frames");
        server.close();
        bystander = startWith(new JsonObject().put("limits", new JsonObject().put("requestsPerMinutePerClient", 10)));
        Throwable refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            try {
                server.viewer(bystander, null);
            } catch (AssertionError e) {
                refused = e;
            }
        }
        assertTrue(refused != null && String.valueOf(refused.getMessage()).contains("429"), String.valueOf(refused));
    }
}
