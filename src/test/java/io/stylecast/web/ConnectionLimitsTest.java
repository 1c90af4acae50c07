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

    /**
     * Writes {@code trickle} one part at a time (a part each 100 ms read timeout) until the server closes; returns how
     * many parts it had sent then. The server must close it before the trickle is over.
     */
    private static int partsSentWhenClosed(Socket socket, List<String> trickle) throws Exception {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        int sent = 0;
        for (int i = 0; i < Math.max(trickle.size(), 200); i++) {
            try {
                if (i < trickle.size()) {
                    out.write(trickle.get(i).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    sent++;
                }
                if (in.read(new byte[65536]) == -1) {
                    return sent;
                }
            } catch (SocketTimeoutException e) {
                // nothing to read yet: the next part
            } catch (IOException e) {
                return sent;
            }
        }
        throw new AssertionError("the server kept the connection open while all " + trickle.size() + " parts trickled in");
    }

    /** A request sent whole at once, on a connection of its own: answered. */
    private void aPromptRequestIsServed() throws Exception {
        Socket socket = connect();
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 200", status, "a request that arrives in time is answered");
    }

    @Test
    void headersAndBodiesThatTrickleInAreCutOff() throws Exception {
        String bystander = startWith(new JsonObject().put("http", new JsonObject()
                .put("headerTimeoutSeconds", 1).put("bodyTimeoutSeconds", 2)));
        List<String> headerLines = new ArrayList<>(List.of("GET /api/health HTTP/1.1\r\n"));
        for (int i = 0; i < 100; i++) {
            headerLines.add("X-Slow-" + i + ": 1\r\n");
        }
        int headers = partsSentWhenClosed(connect(), headerLines);
        assertTrue(headers > 1 && headers < headerLines.size(), "headers still trickling in are cut off, after " + headers);
        aPromptRequestIsServed();
        List<String> bodyParts = new ArrayList<>(List.of("POST /api/sessions HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"));
        for (int i = 0; i < 100; i++) {
            bodyParts.add(" ");
        }
        int body = partsSentWhenClosed(connect(), bodyParts);
        assertTrue(body > 1 && body < bodyParts.size(), "a body still trickling in is cut off, after " + body);
        assertEquals(0, partsSentWhenClosed(connect(), List.of()), "a connection that sends nothing is cut off too");
        aPromptRequestIsServed();
        server.assertProgressing(bystander);
    }

    @Test
    void idleConnectionsMeetTheIdleTimeoutButPingedViewersStay() throws Exception {
        String bystander = startWith(new JsonObject().put("http", new JsonObject().put("idleTimeoutSeconds", 2)));
        JsonObject paused = server.createEndlessSession();
        WsViewer owner = server.viewer(paused.getString("id"), paused.getString("ownerToken"));
        owner.send(new JsonObject().put("type", "pause"));
        assertEquals(1, partsSentWhenClosed(connect(), List.of("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")),
                "a kept-alive connection that goes quiet is closed (the idle timeout)");
        await("the viewer of a paused session is pinged and stays").during(java.time.Duration.ofSeconds(3))
                .atMost(java.time.Duration.ofSeconds(5)).until(() -> !owner.closed);
        server.assertProgressing(bystander);
    }

    @Test
    void oneClientCannotHoldUnboundedConnections() throws Exception {
        String bystander = startWith(new JsonObject().put("limits", new JsonObject().put("maxConnectionsPerClient", 6)));
        for (int i = 0; i < 6; i++) {
            connect();
        }
        assertEquals(0, partsSentWhenClosed(connect(), List.of()), "the connection past the cap is closed");
        for (Socket socket : sockets) {
            socket.close();
        }
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
        WsViewer again = await("a seat given back is taken again").atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            WsViewer viewer = server.viewer(id, null);
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> viewer.closed || viewer.received.stream()
                    .anyMatch(r -> r.json() != null && "status".equals(r.json().getString("type"))));
            return viewer.closed ? null : viewer;
        }, java.util.Objects::nonNull);
        assertEquals("status", again.next("status").type());
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
