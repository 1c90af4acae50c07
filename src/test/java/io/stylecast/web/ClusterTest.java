package io.stylecast.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web node and two worker nodes, each a JVM of its own started as {@code bin/stylecast serve
 * --role ...} starts it, joined over loopback with the cluster's secret: sessions are placed on both, and when the
 * worker node running a watched session is killed (SIGKILL), the session finishes on the other node from its last
 * checkpoint, its iterations going on past the checkpoint, while the viewer's socket stays open; it stays on the class
 * wall through the move, and its pictures, time-lapse and params.json are on the web node when it is done.
 */
@IntegrationTest
class ClusterTest {

    private static final int ITERATIONS = 1000;

    private final Vertx client = Vertx.vertx();
    private TestCluster cluster;

    @AfterEach
    void stopEverything() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        client.close().await();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aSessionOnAKilledNodeFinishesOnAnotherFromItsCheckpoint(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        int[] ports = TestCluster.freePorts(3);
        cluster = new TestCluster(dir, new JsonObject().put("checkpoint", new JsonObject().put("everyIterations", 10)));
        ServerProcess webNode = cluster.web("web", ports[0]);
        ServerProcess first = cluster.worker("worker1", ports[1], ports[0]);
        ServerProcess second = cluster.worker("worker2", ports[2], ports[0]);
        TestCluster.awaitReadyNodes(webNode, 2);

        // long enough that the watched session is still running when its node is killed, on a fast machine too
        JsonObject watched = TestCluster.create(webNode, ITERATIONS, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestCluster.sessionsOn(first) + TestCluster.sessionsOn(second) == 1);
        ServerProcess running = TestCluster.sessionsOn(first) == 1 ? first : second;
        ServerProcess survivor = running == first ? second : first;
        TestCluster.create(webNode, ITERATIONS, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestCluster.sessionsOn(survivor) == 1);

        // handlers set on the event loop as the socket opens, so that no early message is missed
        WsViewer viewer = client.createWebSocketClient().connect(webNode.port(), "127.0.0.1",
                "/ws/sessions/" + watched.getString("id")).map(WsViewer::new).await();
        int before = frameIteration(viewer);
        while (before < 25) {
            before = frameIteration(viewer);
        }
        running.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        int seen = before;
        for (WsViewer.Received next = viewer.next(); !isStatus(next, "moved"); next = viewer.next()) {
            if (next.binary() != null) {
                viewer.ack();
            } else if (next.type().equals("progress")) {
                seen = next.json().getInteger("iteration");
            }
        }
        int after = frameIteration(viewer);
        assertTrue(after >= 20 && after % 10 == 0 && after <= seen + 1,
                "continues from its last checkpoint (every 10 iterations), not from 0: iteration " + seen
                        + " seen before the move, " + after + " after it");
        assertEquals(after + 1, frameIteration(viewer), "and goes on from there");
        JsonArray wall = webNode.getArray("/api/wall");
        assertEquals(watched.getString("id"), wall.getJsonObject(0).getString("id"), "a listed session stays on the wall: " + wall);
        while (true) {
            WsViewer.Received next = viewer.next();
            if (next.binary() != null) {
                viewer.ack();
            } else if (isStatus(next, "done")) {
                break;
            }
        }
        assertFalse(viewer.closed, "the viewer's socket stays open through the move");
        JsonObject status = webNode.getJson("/api/sessions/" + watched.getString("id"));
        assertEquals(ITERATIONS, status.getInteger("iteration"));
        assertNull(status.getString("message"), "a done session says nothing of its move: " + status);
        JsonArray left = webNode.getJson("/api/health").getJsonArray("nodes");
        assertEquals(1, left.size(), "the killed node is gone from the web node's list: " + left);
        assertTrue(left.getJsonObject(0).getString("id").startsWith("127.0.0.1:" + (survivor == first ? ports[1] : ports[2]) + "/"));

        Path folder = dir.resolve("web").resolve("output").resolve(watched.getString("id"));
        for (String file : new String[] {"params.json", "content.png", "style-1.png", "0000.jpg", "final.png", "timelapse.gif"}) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), "on the web node: " + file);
        }
        HttpResponse<byte[]> gif = webNode.http.send(HttpRequest.newBuilder(URI.create(webNode.base + "/api/sessions/"
                + watched.getString("id") + "/timelapse")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, gif.statusCode(), "the time-lapse of a session run elsewhere, from the web node");
        assertEquals("image/gif", gif.headers().firstValue("Content-Type").orElse(""));
        int every = io.stylecast.engine.image.TimeLapse.every(ITERATIONS);
        try (var in = javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(gif.body()))) {
            javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(ITERATIONS / every + 1 + (ITERATIONS % every == 0 ? 0 : 1), reader.getNumImages(true),
                    "the time-lapse of the whole run, its frames from before the move too");
        }
        assertFalse(Files.exists(folder.resolve(io.stylecast.session.TimeLapseFrames.FOLDER)), "its frames are put away once made into it");
        try (var leftovers = Files.walk(dir)) {
            assertTrue(leftovers.noneMatch(f -> f.toString().endsWith(".part") && !f.toString().contains("worker")),
                    "nothing half written on the web node");
        }
    }

    private static boolean isStatus(WsViewer.Received message, String state) {
        return message.json() != null && message.type().equals("status") && message.json().getString("state").equals(state);
    }

    /** The next frame's iteration (acknowledged, so that the next one comes). */
    private static int frameIteration(WsViewer viewer) throws InterruptedException {
        while (true) {
            WsViewer.Received next = viewer.next();
            if (next.binary() != null) {
                viewer.ack();
            } else if (next.type().equals("progress")) {
                return next.json().getInteger("iteration");
            }
        }
    }
}
