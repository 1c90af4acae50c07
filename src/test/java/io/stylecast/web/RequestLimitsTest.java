package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hardening, round two, for single requests: no request may make the server do unbounded work or
 * answer with more than a short, clean message, while a bystander session keeps streaming.
 */
@IntegrationTest
class RequestLimitsTest {

    @TempDir
    Path dir;

    ServerFixture server;
    String bystander;

    @BeforeEach
    void start() throws IOException {
        server = ServerFixture.start(dir, new JsonObject());
        bystander = server.createEndlessSession().getString("id");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonObject samples() {
        return new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc");
    }

    /** A short JSON error that names what is wrong and carries no Java, Jackson or input text. */
    private static String assertCleanError(ServerFixture.Response response, int status, String text) {
        assertEquals(status, response.status(), response.body().toString());
        assertTrue(response.body().length() < 1024, "error bodies stay under 1 KB, got " + response.body().length());
        String error = response.json().getString("error");
        assertTrue(error.contains(text), "'" + error + "' should say '" + text + "'");
        for (String leak : new String[] {"Exception", "java.", "io.vertx", "Jackson", "JsonReadFeature", "\tat ", "/tmp"}) {
            assertFalse(error.contains(leak), "'" + error + "' leaks " + leak);
        }
        return error;
    }

    @Test
    void thousandsOfStylePicturesAreRefusedAtTheDoor() throws Exception {
        JsonArray many = new JsonArray();
        for (int i = 0; i < 2500; i++) {
            many.add("hubble_deep_field");
        }
        long start = System.nanoTime();
        assertCleanError(server.postJson(samples().put("styleSamples", many)), 400,
                "at most 4 style pictures per session on this server, got 2501");
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused before any decoding");
        assertCleanError(server.postJson(samples().put("params", new JsonObject().put("styleBlend",
                new JsonArray(java.util.Collections.nCopies(100_000, 1))))), 400,
                "styleBlend has 100000 weights for 1 style pictures");
        SessionApiTest.Multipart form = new SessionApiTest.Multipart().field("contentSample", "chelsea");
        for (int i = 0; i < 5; i++) {
            form.file("style", "s" + i + ".png", png(8, 8));
        }
        assertCleanError(server.request(HttpMethod.POST, "/api/sessions", form.contentType(), form.body(), null), 400,
                "at most 4 style pictures");
        server.assertProgressing(bystander);
    }

    @Test
    void errorsNeverEchoTheInputOrJavaInternals() throws Exception {
        String huge = "x".repeat(15 << 20);
        String error = assertCleanError(server.postJson(new JsonObject().put("contentSample", huge).put("styleSample", "ihc")),
                400, "no sample a string of 15728640 characters; samples: astronaut");
        assertFalse(error.contains("xxxxxxxxxx"));
        assertCleanError(server.postJson(samples().put("params", "width=64")), 400, "params must be a JSON object");
        assertCleanError(server.postJson(samples().put("params", new JsonArray().add(1))), 400, "params must be a JSON object");
        assertCleanError(server.postJson(samples().put("styleSamples", "ihc")), 400, "styleSamples must be a list");
        assertCleanError(server.postJson(new JsonObject().put("contentSample", 7).put("styleSample", "ihc")), 400,
                "contentSample must be a string, got 7");
        assertCleanError(server.request(HttpMethod.POST, "/api/sessions", "application/json",
                Buffer.buffer("{\"contentSample\": 'chelsea', /* */}"), null), 400, "the body is not a JSON object");
        assertCleanError(server.postJson(samples().put("<script>" + "y".repeat(100), 1)), 400, "unknown field a string of 108");
        server.assertProgressing(bystander);
    }

    @Test
    void onlyExactContentTypesAndUtf8Json() throws Exception {
        Buffer body = samples().toBuffer();
        assertCleanError(server.request(HttpMethod.POST, "/api/sessions", "application/jsonfoo", body, null), 415,
                "send application/json or multipart/form-data (JSON in UTF-8)");
        assertCleanError(server.request(HttpMethod.POST, "/api/sessions", "application/json; charset=UTF-16", body, null),
                415, "JSON bodies must be UTF-8");
        assertEquals(201, server.request(HttpMethod.POST, "/api/sessions", "Application/JSON; charset=\"utf-8\"",
                samples().put("params", new JsonObject().put("width", 32).put("iterations", 2)).toBuffer(), null).status());
        server.assertProgressing(bystander);
    }

    @Test
    void headIsAnsweredAndOtherMethodsGet405WithAllow() throws Exception {
        ServerFixture.Response head = server.request(HttpMethod.HEAD, "/api/health", null, null, null);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length());
        ServerFixture.Response post = server.request(HttpMethod.POST, "/api/health", "application/json", Buffer.buffer("{}"), null);
        assertCleanError(post, 405, "does not take POST");
        assertEquals("GET, HEAD", post.header("Allow"));
        ServerFixture.Response put = server.request(HttpMethod.PUT, "/api/sessions/" + bystander, null, Buffer.buffer(), null);
        assertEquals(405, put.status());
        assertEquals("DELETE, GET, HEAD", put.header("Allow"));
        assertEquals(404, server.get("/api/nothing-here").status());
        server.assertProgressing(bystander);
    }

    @Test
    void aRequestWithBothContentLengthAndTransferEncodingIsRefused() throws Exception {
        String smuggled = "POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
        String response = raw(smuggled);
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        server.assertProgressing(bystander);
    }

    @Test
    void aCmykJpegIsDecodedAndABigPictureOnlyAtTheSizeItIsUsed() throws Exception {
        SessionApiTest.Multipart form = new SessionApiTest.Multipart().file("content", "print.jpg", CmykSample.jpeg(96, 64))
                .file("style", "big.png", png(4000, 3000)).field("params", "{\"width\": 32, \"iterations\": 3}");
        ServerFixture.Response created = server.request(HttpMethod.POST, "/api/sessions", form.contentType(), form.body(), null);
        assertEquals(201, created.status(), created.body().toString());
        server.awaitState(created.json().getString("id"), "done");
        server.assertProgressing(bystander);
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.ISO_8859_1);
        }
    }

    static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    /** The workers' network is loaded with average pooling: a session asking for max is told, not silently given avg. */
    @Test
    void aPoolingTheServerDoesNotRunIsRefusedByName() throws Exception {
        ServerFixture.Response refused = server.postJson(new JsonObject().put("contentSample", "coffee")
                .put("styleSample", "ihc").put("params", new JsonObject().put("width", 32).put("pooling", "max")));
        assertEquals(400, refused.status());
        assertEquals("pooling must be avg on this server, whose network is loaded with average pooling; got max",
                refused.json().getString("error"));
    }
}
