package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.stylecast.IntegrationTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind against a running server, each answered with a clear 4xx or a closed
 * socket with a reason, while another session keeps progressing and the server keeps answering.
 */
@IntegrationTest
class HardeningTest {

    @TempDir
    Path dir;

    ServerFixture server;
    String bystander;

    @BeforeEach
    void start() throws IOException {
        server = ServerFixture.start(dir, new JsonObject().put("uploads", new JsonObject().put("maxBytes", 200_000)));
        bystander = server.createEndlessSession().getString("id");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void assertUnharmed() throws InterruptedException {
        server.assertProgressing(bystander);
    }

    private ServerFixture.Response upload(byte[] content) {
        SessionApiTest.Multipart form = new SessionApiTest.Multipart().file("content", "photo.png", content)
                .field("styleSample", "ihc").field("params", "{\"width\": 32, \"iterations\": 3}");
        return server.request(HttpMethod.POST, "/api/sessions", form.contentType(), form.body(), null);
    }

    private static void assertError(ServerFixture.Response response, int status, String text) {
        assertEquals(status, response.status(), response.body().toString());
        String error = response.json().getString("error");
        assertTrue(error.contains(text), "'" + error + "' should say '" + text + "'");
        assertTrue(!error.contains("Exception") && !error.contains("\tat "), "no stack traces: " + error);
    }

    private static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Test
    void brokenAndHostileUploads() throws Exception {
        assertError(upload(new byte[0]), 415, "the content upload is empty (0 bytes)");
        assertError(upload("<html><script>alert(1)</script></html>".getBytes()), 415, "not a PNG, JPEG, GIF or BMP image");
        assertError(upload("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes()), 415,
                "not a PNG, JPEG, GIF or BMP image");
        byte[] whole = png(300, 200);
        assertError(upload(Arrays.copyOf(whole, whole.length - 40)), 415, "damaged or truncated");
        byte[] bomb = png(8, 8);
        ByteBuffer.wrap(bomb).putInt(16, 60_000).putInt(20, 60_000);
        CRC32 crc = new CRC32();
        crc.update(bomb, 12, 17);
        ByteBuffer.wrap(bomb).putInt(29, (int) crc.getValue());
        assertError(upload(bomb), 415, "3600.0 megapixels); at most 40.0 are allowed");
        byte[] big = new byte[300_000];
        System.arraycopy(whole, 0, big, 0, whole.length);
        assertError(upload(big), 413, "the upload is too large: at most 195 KB in all");   // over uploads.maxBytes, refused while streaming
        assertUnharmed();
    }

    @Test
    void absurdParametersNameTheFieldAndTheRange() throws Exception {
        JsonObject base = new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc");
        assertError(server.postJson(base.copy().put("params", new JsonObject().put("styleLayers", "conv9_9:1"))), 400,
                "unknown layer 'conv9_9'; this server's network has conv1_1, conv1_2, pool1, conv2_1");
        assertError(server.postJson(base.copy().put("params", new JsonObject().put("iterations", 50_000))), 400,
                "iterations must be at most 20000 on this server, got 50000");
        assertError(server.postJson(base.copy().put("params", new JsonObject().put("learningRate", 0))), 400,
                "learningRate must be > 0");
        assertError(server.postJson(base.copy().put("params", new JsonObject().put("noiseRatio", "lots"))), 400,
                "noiseRatio must be a number");
        assertError(server.postJson(base.copy().put("params", new JsonObject().put("styleBlend", new io.vertx.core.json.JsonArray().add(0)))),
                400, "styleBlend weights must sum to more than 0");
        assertUnharmed();
    }

    @Test
    void badWebSocketMessagesGetErrorsOrACloseWithAReason() throws Exception {
        WsViewer socket = server.viewer(bystander, null);
        socket.send(new JsonObject().put("type", "dance"));
        assertTrue(socket.next("error").json().getString("message").startsWith("unknown message type 'dance'"));
        ServerFixture.await(socket.socket.writeTextMessage("{not json"));
        assertEquals("messages must be JSON objects", socket.next("error").json().getString("message"));
        socket.next("progress");

        WsViewer oversized = server.viewer(bystander, null);
        oversized.socket.writeTextMessage("{\"type\":\"ack\",\"pad\":\"" + "x".repeat(100_000) + "\"}");
        awaitClosed(oversized);
        assertEquals(1009, (int) oversized.socket.closeStatusCode(), "too big");

        WsViewer flood = server.viewer(bystander, null);
        for (int i = 0; i < 200; i++) {
            flood.socket.writeTextMessage("{\"type\":\"ack\"}");
        }
        awaitClosed(flood);
        assertEquals(1008, (int) flood.socket.closeStatusCode());
        assertTrue(flood.socket.closeReason().startsWith("too many messages"), flood.socket.closeReason());
        assertUnharmed();
        socket.next("progress");
    }

    @Test
    void otherSitesCannotDriveTheServer() throws Exception {
        ServerFixture.Response post = server.request(HttpMethod.POST, "/api/sessions", "application/json",
                Buffer.buffer("{\"contentSample\":\"chelsea\",\"styleSample\":\"ihc\"}"), null, "https://evil.example");
        assertError(post, 403, "requests from https://evil.example are not allowed");
        Throwable refused = ServerFixture.awaitFailure(server.webSockets.connect(new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(server.server.port()).setURI("/ws/sessions/" + bystander)
                .addHeader("Origin", "https://evil.example")));
        assertTrue(refused.getMessage().contains("403"), refused.getMessage());
        String self = "http://127.0.0.1:" + server.server.port();
        assertEquals(200, server.request(HttpMethod.GET, "/api/health", null, null, null, self).status());
        assertUnharmed();
    }

    @Test
    void oneClientCannotTakeTheWholeServer() throws Exception {
        server.close();
        server = ServerFixture.start(dir.resolve("limited"), new JsonObject().put("limits",
                new JsonObject().put("maxSessionsPerClient", 2).put("requestsPerMinutePerClient", 30)));
        bystander = server.createEndlessSession().getString("id");
        server.createEndlessSession();
        assertError(server.postJson(new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")), 429,
                "too many open sessions: at most 2");
        ServerFixture.Response last = null;
        for (int i = 0; i < 40 && (last == null || last.status() != 429); i++) {
            last = server.get("/api/health");
        }
        assertError(last, 429, "too many requests: at most 30 a minute");
        assertTrue(last.header("Retry-After") != null);
    }

    private static void awaitClosed(WsViewer viewer) {
        await("the socket is closed").atMost(java.time.Duration.ofSeconds(10)).until(() -> viewer.closed);
    }
}
