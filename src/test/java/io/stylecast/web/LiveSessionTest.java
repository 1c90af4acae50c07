package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.stylecast.IntegrationTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions streamed live: frames, viewers, flow control, owner controls, metrics. Real HTTP and WebSocket. */
@IntegrationTest
class LiveSessionTest {

    @TempDir
    Path dir;

    ServerFixture server;

    @BeforeEach
    void start() throws IOException {
        server = ServerFixture.start(dir, new JsonObject());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static BufferedImage decode(Buffer bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes.getBytes()));
        assertNotNull(image, "a frame that decodes as an image");
        return image;
    }

    /** Reads frames (acknowledging each) until the done message; returns iteration -> frame bytes. */
    private static Map<Integer, Buffer> watchToTheEnd(WsViewer viewer) throws InterruptedException {
        Map<Integer, Buffer> frames = new LinkedHashMap<>();
        while (true) {
            WsViewer.Received r = viewer.next();
            if (r.type().equals("frame")) {
                assertEquals("image/jpeg", r.json().getString("format"));
                WsViewer.Received binary = viewer.next();
                assertEquals("binary", binary.type(), "a frame message is followed by its image");
                frames.put(r.json().getInteger("iteration"), binary.binary());
                viewer.ack();
            } else if (r.type().equals("done")) {
                return frames;
            }
        }
    }

    @Test
    void aSessionStreamsFramesThatDecodeWithIncreasingIterations() throws Exception {
        JsonObject created = server.createSession(new JsonObject().put("width", 48).put("iterations", 25).put("saveEvery", 10));
        WsViewer viewer = server.viewer(created.getString("id"), null);
        Map<Integer, Buffer> frames = watchToTheEnd(viewer);

        assertTrue(frames.size() >= 2, "frames: " + frames.keySet());
        int previous = -1;
        for (Map.Entry<Integer, Buffer> frame : frames.entrySet()) {
            assertTrue(frame.getKey() > previous, "iterations increase: " + frames.keySet());
            previous = frame.getKey();
            BufferedImage image = decode(frame.getValue());
            assertEquals(48, image.getWidth());
            assertEquals(32, image.getHeight(), "451x300 at 48 wide");
        }
        JsonObject status = server.awaitState(created.getString("id"), "done");
        assertEquals(25, status.getInteger("iteration"));
        assertTrue(status.getJsonObject("losses").getDouble("totalLoss") > 0);
        Path out = server.output.resolve(created.getString("id"));
        for (String file : new String[] {"0000.jpg", "0010.jpg", "0020.jpg", "final.png"}) {
            assertTrue(Files.exists(out.resolve(file)), file);
        }
        ServerFixture.Response image = server.get("/api/sessions/" + created.getString("id") + "/image");
        assertEquals(200, image.status());
        assertEquals("25", image.header("X-Iteration"));
        decode(image.body());
    }

    @Test
    void twoViewersGetTheSameEncodedFrames() throws Exception {
        JsonObject created = server.createSession(new JsonObject().put("width", 48).put("iterations", 2000));
        String id = created.getString("id");
        WsViewer owner = server.viewer(id, created.getString("ownerToken"));
        owner.send(new JsonObject().put("type", "pause"));
        server.awaitState(id, "paused");
        WsViewer first = server.viewer(id, null);
        WsViewer second = server.viewer(id, null);
        owner.send(new JsonObject().put("type", "update").put("params", new JsonObject().put("learningRate", 1.0)));
        owner.send(new JsonObject().put("type", "resume"));
        Map<Integer, Buffer> a = new LinkedHashMap<>();
        Map<Integer, Buffer> b = new LinkedHashMap<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (a.size() < 5 || b.size() < 5) {
            assertTrue(System.currentTimeMillis() < deadline, "frames: " + a.keySet() + " / " + b.keySet());
            for (Object[] v : new Object[][] {{first, a}, {second, b}}) {
                WsViewer viewer = (WsViewer) v[0];
                @SuppressWarnings("unchecked") Map<Integer, Buffer> frames = (Map<Integer, Buffer>) v[1];
                WsViewer.Received r = viewer.received.poll();
                if (r != null && r.type().equals("frame")) {
                    frames.put(r.json().getInteger("iteration"), viewer.next().binary());
                    viewer.ack();
                }
            }
        }
        int common = 0;
        for (Integer iteration : a.keySet()) {
            if (b.containsKey(iteration)) {
                assertArrayEquals(a.get(iteration).getBytes(), b.get(iteration).getBytes(), "frame " + iteration);
                common++;
            }
        }
        assertTrue(common >= 1, "the viewers saw frames of the same iterations: " + a.keySet() + " / " + b.keySet());
        owner.send(new JsonObject().put("type", "cancel"));
        server.awaitState(id, "cancelled");
    }

    @Test
    void aViewerThatDoesNotAckHoldsOneFrameAndGetsTheNewestAfterItsAck() throws Exception {
        JsonObject created = server.createSession(new JsonObject().put("width", 48).put("iterations", 60));
        String id = created.getString("id");
        WsViewer slow = server.viewer(id, null);
        WsViewer.Received first = slow.next("frame");
        assertEquals("binary", slow.next().type());
        server.awaitState(id, "done");
        await("no frame is sent before the ack").during(java.time.Duration.ofMillis(200)).atMost(java.time.Duration.ofSeconds(2))
                .until(() -> slow.received.stream().noneMatch(r -> r.type().equals("frame") || r.type().equals("binary")));
        long progress = slow.received.stream().filter(r -> r.type().equals("progress")).count();
        assertTrue(progress >= 50, "progress messages are never dropped: " + progress);

        slow.ack();
        WsViewer.Received next = slow.next("frame");
        assertEquals(60, next.json().getInteger("iteration"), "the newest frame, after iteration " + first.json());
        decode(slow.next().binary());
        String metrics = server.get("/metrics").body().toString();
        double dropped = metricValue(metrics, "stylecast_frames_dropped_total");
        assertTrue(dropped >= 50, "frames replaced while waiting for the ack: " + dropped);
    }

    @Test
    void theOwnerPausesResumesUpdatesAndCancelsAViewerCannot() throws Exception {
        JsonObject created = server.createSession(new JsonObject().put("width", 48).put("iterations", 5000));
        String id = created.getString("id");
        WsViewer owner = server.viewer(id, created.getString("ownerToken"));
        WsViewer viewer = server.viewer(id, null);
        assertEquals(true, greeting(owner).getBoolean("owner"));
        assertEquals(false, greeting(viewer).getBoolean("owner"));

        owner.send(new JsonObject().put("type", "pause"));
        JsonObject paused = server.awaitState(id, "paused");
        await("no iterations while paused").during(java.time.Duration.ofMillis(300)).atMost(java.time.Duration.ofSeconds(2))
                .until(() -> server.get("/api/sessions/" + id).json().getInteger("iteration").equals(paused.getInteger("iteration")));

        viewer.send(new JsonObject().put("type", "resume"));
        WsViewer.Received refused = viewer.next("error");
        assertTrue(refused.json().getString("message").contains("only the session's owner"), refused.json().encode());
        await("still paused").during(java.time.Duration.ofMillis(200)).atMost(java.time.Duration.ofSeconds(2))
                .until(() -> "paused".equals(server.get("/api/sessions/" + id).json().getString("state")));

        owner.send(new JsonObject().put("type", "update").put("params", new JsonObject().put("styleWeight", 5.0)));
        boolean updated = false;
        while (!updated) {
            WsViewer.Received status = owner.next("status");
            updated = String.valueOf(status.json().getString("message")).contains("styleWeight 5.0");
        }
        owner.send(new JsonObject().put("type", "update").put("params", new JsonObject().put("width", 64)));
        assertTrue(owner.next("error").json().getString("message").contains("cannot change"));

        owner.send(new JsonObject().put("type", "resume"));
        server.awaitState(id, "running");
        await("iterations continue after resume").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> server.get("/api/sessions/" + id).json().getInteger("iteration") > paused.getInteger("iteration"));
        assertEquals(403, server.request(io.vertx.core.http.HttpMethod.DELETE, "/api/sessions/" + id, null, null,
                "Bearer " + "0".repeat(32)).status());
        viewer.send(new JsonObject().put("type", "cancel"));
        viewer.next("error");
        owner.send(new JsonObject().put("type", "cancel"));
        server.awaitState(id, "cancelled");
    }

    @Test
    void metricsCountIterations() throws Exception {
        JsonObject created = server.createSession(new JsonObject().put("width", 32).put("iterations", 12));
        server.awaitState(created.getString("id"), "done");
        String metrics = server.get("/metrics").body().toString();
        assertTrue(metricValue(metrics, "stylecast_iterations_total") >= 12, metrics);
        assertTrue(metricValue(metrics, "stylecast_frame_encode_seconds_count") >= 13);
        assertTrue(metrics.contains("stylecast_sessions{backend=\"cpu\",node=\"local\",state=\"done\"} 1.0"),
                "sessions by state, tagged with the backend and the node");
        JsonObject backend = server.get("/api/health").json().getJsonObject("backend");
        assertEquals("cpu", backend.getString("kind"));
        assertTrue(java.util.Set.of("generic", "x86-64", "avx2", "avx512").contains(backend.getString("isa")), backend.encode());
        assertTrue(backend.getInteger("threads") >= 1, backend.encode());
        assertTrue(metrics.contains("vertx_http_server_requests_total"), "the Vert.x meters too");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "and the JVM's");
    }

    /** The status a socket gets when it connects, which says whether it is the owner's. */
    private static JsonObject greeting(WsViewer socket) throws InterruptedException {
        while (true) {
            JsonObject status = socket.next("status").json();
            if (status.containsKey("owner")) {
                return status;
            }
        }
    }

    static double metricValue(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name);
    }
}
