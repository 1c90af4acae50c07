package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.model.MatConvNetVggTest;
import io.stylecast.model.VggMatFile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web node and two worker nodes, each a JVM of its own started as {@code bin/stylecast serve
 * --role ...} starts it, joined over loopback: sessions are placed on both, and when the worker node
 * running a watched session is killed (SIGKILL), the session finishes on the other node from its
 * last checkpoint, its iterations going on past the checkpoint, while the viewer's socket stays open.
 */
class ClusterTest {

    private static final int ITERATIONS = 1000;

    private final List<ServerProcess> nodes = new ArrayList<>();
    private final Vertx client = Vertx.vertx();

    @AfterEach
    void stopEverything() throws Exception {
        for (ServerProcess node : nodes) {
            node.close();
        }
        client.close().await();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aSessionOnAKilledNodeFinishesOnAnotherFromItsCheckpoint(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        int[] ports = freePorts(3);
        String web = "127.0.0.1:" + ports[0];
        // every node names the same network
        Path model = dir.resolve("tiny-vgg.mat");
        new VggMatFile(MatConvNetVggTest.smallChannels()).write(model);
        JsonObject config = new JsonObject().put("model", model.toString())
                .put("checkpoint", new JsonObject().put("everyIterations", 10));
        ServerProcess webNode = start(dir.resolve("web"), config, List.of("--role", "web", "--cluster-port", "" + ports[0]));
        ServerProcess first = start(dir.resolve("worker1"), config,
                List.of("--role", "worker", "--cluster-port", "" + ports[1], "--cluster-members", web));
        ServerProcess second = start(dir.resolve("worker2"), config,
                List.of("--role", "worker", "--cluster-port", "" + ports[2], "--cluster-members", web));
        awaitNodes(webNode, 2);

        // long enough that the watched session is still running when its node is killed, on a fast machine too
        JsonObject watched = create(webNode, ITERATIONS);
        JsonObject other = create(webNode, ITERATIONS);
        ServerProcess running = awaitRunning(watched.getString("id"), first, second);
        ServerProcess survivor = running == first ? second : first;
        assertTrue(awaitRunningOn(other.getString("id"), survivor), "the two sessions are placed on different nodes");

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
        JsonArray left = webNode.getJson("/api/health").getJsonArray("nodes");
        assertEquals(1, left.size(), "the killed node is gone from the web node's list: " + left);
        assertEquals("127.0.0.1:" + (survivor == first ? ports[1] : ports[2]), left.getJsonObject(0).getString("id"));
    }

    private static boolean isStatus(WsViewer.Received message, String state) {
        return message.json() != null && message.type().equals("status") && message.json().getString("state").equals(state);
    }

    private ServerProcess start(Path dir, JsonObject overrides, List<String> args) throws Exception {
        ServerProcess node = ServerProcess.start(dir, overrides, List.of(), args);
        nodes.add(node);
        return node;
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

    private static JsonObject create(ServerProcess web, int iterations) throws Exception {
        HttpResponse<String> reply = web.http.send(HttpRequest.newBuilder(URI.create(web.base + "/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("contentSample", "chelsea").put("styleSample", "ihc")
                        .put("params", new JsonObject().put("width", 48).put("iterations", iterations)).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, reply.statusCode(), reply.body());
        return new JsonObject(reply.body());
    }

    private static void awaitNodes(ServerProcess web, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (web.getJson("/api/health").getJsonArray("nodes").size() < count) {
            assertTrue(System.currentTimeMillis() < deadline, "the worker nodes did not join: " + web.getJson("/api/health"));
            Thread.sleep(100);
        }
    }

    private static ServerProcess awaitRunning(String session, ServerProcess... workers) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            for (ServerProcess worker : workers) {
                if (worker.getJson("/api/health").getJsonObject("runs").containsKey(session)) {
                    return worker;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("session " + session + " runs on no worker node");
    }

    private static boolean awaitRunningOn(String session, ServerProcess worker) throws Exception {
        return awaitRunning(session, worker) == worker;
    }

    private static int[] freePorts(int count) throws Exception {
        int[] ports = new int[count];
        List<ServerSocket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ServerSocket socket = new ServerSocket(0);
            sockets.add(socket);
            ports[i] = socket.getLocalPort();
        }
        for (ServerSocket socket : sockets) {
            socket.close();
        }
        return ports;
    }
}
