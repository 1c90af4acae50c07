package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.stylecast.IntegrationTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API: creation in all its forms, errors, the queue, health and samples. */
@IntegrationTest
class SessionApiTest {

    @TempDir
    Path dir;

    ServerFixture server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A budget that fits one 48x32 session at a time (6000 bytes per pixel). */
    private static JsonObject oneAtATime(int queueMax) {
        return new JsonObject().put("memory", new JsonObject().put("budgetMb", 10).put("sessionBytesPerPixel", 6000))
                .put("queue", new JsonObject().put("max", queueMax));
    }

    @Test
    void moreSessionsThanFitAreQueuedInOrderAndAllFinish() throws Exception {
        server = ServerFixture.start(dir, oneAtATime(10));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(server.createSession(new JsonObject().put("width", 48).put("iterations", 40)).getString("id"));
        }
        JsonObject last = server.get("/api/sessions/" + ids.get(3)).json();
        assertEquals("queued", last.getString("state"));
        assertTrue(last.getInteger("queuePosition") >= 1 && last.getInteger("queuePosition") <= 3, last.encode());
        JsonObject health = server.get("/api/health").json();
        assertEquals("UP", health.getString("status"));
        assertEquals(2, health.getInteger("workers"));
        assertEquals(1, health.getJsonObject("sessions").getInteger("running"));
        for (String id : ids) {
            assertEquals(40, server.awaitState(id, "done").getInteger("iteration"));
        }
        assertEquals(0, server.get("/api/health").json().getJsonObject("sessions").getInteger("queued"));
    }

    /** A queued session is told its place and about when it starts: when the one running ends, at that one's speed. */
    @Test
    void aQueuedSessionIsToldAboutWhenItStarts() throws Exception {
        server = ServerFixture.start(dir, oneAtATime(10));
        String running = server.createSession(new JsonObject().put("width", 48).put("iterations", 20000)).getString("id");
        String waiting = server.createSession(new JsonObject().put("width", 48).put("iterations", 100)).getString("id");
        await("the first session runs").atMost(Duration.ofSeconds(30))
                .until(() -> server.get("/api/sessions/" + running).json().getInteger("iteration") >= 30);
        long t0 = System.nanoTime();
        int i0 = server.get("/api/sessions/" + running).json().getInteger("iteration");
        // its speed over 40 iterations, as the server reports them
        int i1 = await().atMost(Duration.ofSeconds(30)).until(
                () -> server.get("/api/sessions/" + running).json().getInteger("iteration"), i -> i >= i0 + 40);
        double speed = (i1 - i0) / ((System.nanoTime() - t0) / 1e9);
        JsonObject queued = server.get("/api/sessions/" + waiting).json();
        assertEquals(1, queued.getInteger("queuePosition"), queued.encode());
        double expected = (20000 - i1) / speed;
        int starts = queued.getInteger("startsInSeconds", 0);
        assertTrue(starts > expected / 2 && starts < expected * 2,
                "starts in " + starts + " s; the running one needs about " + Math.round(expected) + " s more");
    }

    /** A running session's picture as PNG, from its worker: the session's size, and the iteration it is at. */
    @Test
    void aRunningSessionsPictureComesAsPngFromItsWorker() throws Exception {
        server = ServerFixture.start(dir, new JsonObject());
        String id = server.createSession(new JsonObject().put("width", 64).put("iterations", 20000)).getString("id");
        await("it runs").atMost(Duration.ofSeconds(30))
                .until(() -> server.get("/api/sessions/" + id).json().getInteger("iteration") >= 5);
        ServerFixture.Response picture = server.get("/api/sessions/" + id + "/picture.png");
        assertEquals(200, picture.status(), picture.body().toString());
        assertEquals("image/png", picture.header("Content-Type"));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(picture.body().getBytes()));
        assertEquals(64, png.getWidth(), "the session's size, not a thumbnail");
        assertTrue(Integer.parseInt(picture.header("X-Iteration")) >= 5, picture.header("X-Iteration"));
        assertError(server.get("/api/sessions/" + "0".repeat(32) + "/picture.png"), 404, "no session");
    }

    @Test
    void aFullQueueIsRefusedWith503AndARetryHint() throws Exception {
        server = ServerFixture.start(dir, oneAtATime(1));
        JsonObject running = server.createSession(new JsonObject().put("width", 48).put("iterations", 20000));
        server.createSession(new JsonObject().put("width", 48).put("iterations", 10));
        ServerFixture.Response refused = server.postJson(new JsonObject().put("contentSample", "coffee")
                .put("styleSample", "brick").put("params", new JsonObject().put("width", 48)));
        assertEquals(503, refused.status());
        assertEquals("10", refused.header("Retry-After"));
        assertTrue(refused.json().getString("error").contains("busy"), refused.json().encode());
        ServerFixture.Response cancel = server.request(HttpMethod.DELETE, "/api/sessions/" + running.getString("id"), null,
                null, "Bearer " + running.getString("ownerToken"));
        assertEquals(200, cancel.status());
        server.awaitState(running.getString("id"), "cancelled");
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        server = ServerFixture.start(dir, new JsonObject());
        assertError(server.postJson(new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("params", new JsonObject().put("widht", 64))), 400, "unknown parameter 'widht'");
        assertError(server.postJson(new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("params", new JsonObject().put("iterations", -3))), 400, "iterations must be between 0 and 100000, got -3");
        assertError(server.postJson(new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("params", new JsonObject().put("model", "vgg19"))), 400, "a session cannot choose 'vgg19'");
        assertError(server.postJson(new JsonObject().put("contentSample", "mona_lisa").put("styleSample", "ihc")), 400,
                "no sample 'mona_lisa'");
        assertError(server.postJson(new JsonObject().put("contentSample", "chelsea")), 400, "a style picture is needed");
        assertError(server.request(HttpMethod.POST, "/api/sessions", "application/json", Buffer.buffer("{not json"), null),
                400, "");
        assertError(server.request(HttpMethod.POST, "/api/sessions", "text/plain", Buffer.buffer("hello"), null), 415,
                "application/json or multipart/form-data");
        assertError(server.postJson(new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("params", new JsonObject().put("width", 4096).put("height", 4096))), 413, "budget");
        assertError(server.postJson(new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("caption", "x".repeat(81))), 400, "caption must be a line of text of at most 80 characters");
        assertError(server.postJson(new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("caption", "bell\u0007")), 400, "caption must be a line of text");
        assertError(server.postJson(new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("caption", 42)), 400, "caption must be text, got 42");
        assertError(server.get("/api/sessions/0123456789abcdef0123456789abcdef"), 404, "no session");
        assertError(server.request(HttpMethod.DELETE, "/api/sessions/x", null, null, null), 401, "Bearer");
        assertEquals(200, server.get("/api/health").status(), "the server still answers");
    }

    @Test
    void multipartUploadsMakeSessionsAndNonImagesAre415() throws Exception {
        server = ServerFixture.start(dir, new JsonObject());
        byte[] png = getClass().getResourceAsStream("/samples/brick.png").readAllBytes();
        Multipart ok = new Multipart().file("content", "photo.png", png).file("style", "style.png", png)
                .field("params", new JsonObject().put("width", 32).put("iterations", 5).encode());
        ServerFixture.Response created = server.request(HttpMethod.POST, "/api/sessions", ok.contentType(), ok.body(), null);
        assertEquals(201, created.status(), created.body().toString());
        assertEquals("done", server.awaitState(created.json().getString("id"), "done").getString("state"));

        Multipart bad = new Multipart().file("content", "photo.png", "<html>not a picture</html>".getBytes())
                .field("styleSample", "ihc");
        assertError(server.request(HttpMethod.POST, "/api/sessions", bad.contentType(), bad.body(), null), 415,
                "the content upload is not a PNG, JPEG, GIF or BMP image");
    }

    @Test
    void samplesAreListedAndServed() throws Exception {
        server = ServerFixture.start(dir, new JsonObject());
        JsonArray samples = new JsonArray(server.get("/api/samples").body());
        assertEquals(9, samples.size());
        JsonObject first = samples.getJsonObject(0);
        assertEquals("astronaut", first.getString("id"));
        assertEquals("content", first.getString("kind"));
        ServerFixture.Response image = server.get(first.getString("url"));
        assertEquals(200, image.status());
        assertEquals("image/png", image.header("Content-Type"));
        assertEquals(404, server.get("/samples/..%2Fconf%2Fstylecast.json").status());

        JsonObject starryNight = samples.stream().map(JsonObject.class::cast)
                .filter(sample -> sample.getString("id").equals("starry_night")).findFirst().orElseThrow();
        assertEquals("style", starryNight.getString("kind"));
        ServerFixture.Response painting = server.get(starryNight.getString("url"));
        assertEquals(200, painting.status());
        assertEquals("image/jpeg", painting.header("Content-Type"));
        ServerFixture.Response created = server.postJson(new JsonObject().put("contentSample", "rocket")
                .put("styleSample", "starry_night").put("params", new JsonObject().put("width", 32).put("iterations", 3)));
        assertEquals(201, created.status(), created.body().toString());
        assertEquals("done", server.awaitState(created.json().getString("id"), "done").getString("state"));
    }

    private static void assertError(ServerFixture.Response response, int status, String text) {
        assertEquals(status, response.status(), response.body().toString());
        String error = response.json().getString("error");
        assertTrue(error != null && error.contains(text), "error '" + error + "' should say '" + text + "'");
    }

    /** A multipart/form-data body. */
    static final class Multipart {
        private final String boundary = "----stylecast" + System.nanoTime();
        private final Buffer body = Buffer.buffer();

        Multipart file(String name, String filename, byte[] bytes) {
            body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").appendBytes(bytes).appendString("\r\n");
            return this;
        }

        Multipart field(String name, String value) {
            body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        Buffer body() {
            return body.copy().appendString("--" + boundary + "--\r\n");
        }
    }
}
