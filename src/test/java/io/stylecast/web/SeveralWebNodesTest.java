package io.stylecast.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.stylecast.session.TimeLapseFrames;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several web nodes behind Debian's nginx with the project's configuration, two worker nodes, each a JVM of its own
 * started as the README starts it, the web nodes sharing one output folder. An owner creates a session through
 * nginx and watches it as a page does (reconnecting through nginx when its socket drops). The web node holding its
 * socket, which also keeps the sessions' table, is SIGKILLed: the owner reconnects, finds the session where it was
 * (no iteration done again), pauses and resumes it; then the worker node running it is SIGKILLed (it moves on from its
 * checkpoint); then every web node is restarted, one at a time. At the end the final picture and the time-lapse
 * download through nginx and from each web node.
 */
@IntegrationTest
class SeveralWebNodesTest {

    /** Enough for the session to outlive every loss of the test (about 120 a second here). */
    private static final int ITERATIONS = 12_000;

    private TestCluster cluster;
    private NginxProcess nginx;
    private final Vertx client = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopEverything() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        client.close().await();
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void noNodesLossLosesTheSessionOrItsOwner(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        int[] ports = TestCluster.freePorts(7);
        List<String> members = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1], "127.0.0.1:" + ports[2],
                "127.0.0.1:" + ports[3]);
        cluster = new TestCluster(dir, new JsonObject().put("checkpoint", new JsonObject().put("everyIterations", 20)));
        ServerProcess[] web = {web(dir, 0, ports, members), null};
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(web[0].log).contains("keeps the sessions' table"));
        web[1] = web(dir, 1, ports, members);
        ServerProcess[] workers = {worker(2, ports, members), worker(3, ports, members)};
        TestCluster.awaitReadyNodes(web[1], 2);
        nginx = NginxProcess.start(dir.resolve("nginx"), ports[6], List.of(ports[4], ports[5]));

        JsonObject created = TestCluster.create(http, nginx.base, ITERATIONS, true);
        String id = created.getString("id");
        Owner owner = new Owner(id, created.getString("ownerToken"));
        // its socket on the web node that keeps the table (nginx takes turns): the harder loss
        owner.awaitIteration(1);
        while (activeSockets(web[0]) == 0) {
            owner.reconnect();
        }
        int before = owner.awaitIteration(20);

        long killed = System.currentTimeMillis();
        int connections = owner.connections.get();
        web[0].process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        // heard on a socket opened after the kill: progress the killed node sent just before it died does not count
        int after = owner.awaitProgressSince(connections);
        long back = owner.latestAt - killed;
        System.out.printf("web node SIGKILLed at iteration %d: the owner's next progress (iteration %d) %d ms after%n",
                before, after, back);
        // its log says so once the table's verticle has started, which can be a moment after the first events flow
        await("the other web node took the table").atMost(Duration.ofSeconds(10))
                .until(() -> Files.readString(web[1].log).contains("keeps the sessions' table now"));
        assertTrue(owner.smallestSince > before, "no iteration done again: " + before + " before, " + owner.smallestSince + " after");

        owner.control("pause");
        owner.awaitState("paused");
        owner.control("resume");
        owner.awaitState("running");
        int resumed = owner.awaitIteration(after + 1);

        // the time-lapse's frames made so far, those made while no web node kept the table included, reach the table
        // (its worker sends again what did not arrive) before that worker node is lost too; a frame its worker had not
        // delivered when it died is missing only if the run goes on from a checkpoint after it (README says so)
        Path frames = dir.resolve("shared-output").resolve(id);
        await("the frames so far on the table's disk").atMost(Duration.ofSeconds(30))
                .until(() -> Files.isRegularFile(frames.resolve(TimeLapseFrames.name(owner.latest / 120 * 120))));
        ServerProcess running = TestCluster.sessionsOn(workers[0]) == 1 ? workers[0] : workers[1];
        running.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        owner.awaitState("moved");
        int seen = owner.beforeMove;
        int moved = await().atMost(Duration.ofSeconds(60)).until(() -> owner.afterMove, m -> m > 0);
        System.out.printf("worker node SIGKILLed after iteration %d (resumed at %d): continued from %d%n", seen, resumed, moved);
        assertTrue(moved >= 20 && moved > seen - 40 && moved <= seen + 1, "it moves on from its last checkpoint (every 20"
                + " iterations, and at its pause), not from the start: iteration " + seen + " seen before the move, " + moved
                + " after it");
        ServerProcess replacement = worker(running == workers[0] ? 2 : 3, ports, members);
        TestCluster.awaitReadyNodes(web[1], 2);

        web[0] = web(dir, 0, ports, members);
        // a rolling restart: each web node stopped (SIGTERM) and started again in turn, the owner watching throughout
        for (int node = 1; node >= 0; node--) {
            int last = owner.awaitIteration(0);
            owner.quietSince();
            assertTrue(web[node].terminate(), "web node " + node + " stops on SIGTERM");
            web[node] = web(dir, node, ports, members);
            int next = owner.awaitIteration(owner.latest + 1);
            long quiet = owner.quietSince();
            System.out.printf("web node %d restarted, iterations %d to %d: at most %d ms without progress%n", node, last, next, quiet);
            assertTrue(quiet < 15_000, "the owner went " + quiet + " ms without progress");
        }

        await("the session ends").atMost(Duration.ofSeconds(240)).until(() -> owner.states.contains("done"));
        owner.stop();
        // the pictures from nginx and from each web node, wherever the session ran
        for (String base : List.of(nginx.base, web[0].base, web[1].base)) {
            HttpResponse<byte[]> picture = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + id
                    + "/final.png")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, picture.statusCode(), "final.png from " + base);
            assertEquals("image/png", picture.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<byte[]> gif = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + id
                    + "/timelapse")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, gif.statusCode(), "the time-lapse from " + base);
            assertEquals("image/gif", gif.headers().firstValue("Content-Type").orElse(""));
            assertEquals(ITERATIONS / 120 + 1, frames(gif.body()), "the time-lapse goes on across the move: iterations 0, 120, ..., "
                    + ITERATIONS + ", those before the worker node was lost included");
        }
        JsonObject done = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(nginx.base + "/api/sessions/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(ITERATIONS, done.getInteger("iteration"), done.encode());
        replacement.close();
    }

    private static int frames(byte[] gif) throws Exception {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(gif))) {
            javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            return reader.getNumImages(true);
        }
    }

    /** Web node {@code n} (0 or 1): cluster port {@code ports[n]}, HTTP port {@code ports[4 + n]}, the shared output folder. */
    private ServerProcess web(Path dir, int n, int[] ports, List<String> members) throws Exception {
        return cluster.member("web" + n, "web", ports[n], members, new JsonObject()
                .put("http", new JsonObject().put("port", ports[4 + n]).put("trustedProxies", new JsonArray().add("127.0.0.1")))
                .put("output", new JsonObject().put("dir", dir.resolve("shared-output").toString())));
    }

    private ServerProcess worker(int n, int[] ports, List<String> members) throws Exception {
        return cluster.member("worker" + n + "-" + System.nanoTime(), "worker", ports[n], members, new JsonObject());
    }

    /** The WebSocket connections a node has open now, as its metrics say. */
    private long activeSockets(ServerProcess node) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(node.base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("vertx_http_server_active_ws_connections"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * The owner's page: its socket through nginx, opened again half a second after it drops (its node went away, or
     * refused it while the table moved), as the page opens it. Everything it hears is handled as it arrives, on the
     * client's event loop; the test reads what it heard.
     */
    private final class Owner {
        private final WebSocketConnectOptions options;
        private final io.vertx.core.http.WebSocketClient sockets = client.createWebSocketClient();
        private volatile io.vertx.core.http.WebSocket socket;
        /** Whether its socket now was taken by a web node: it heard the session's status on it. */
        private volatile boolean heardOnSocket;
        private volatile boolean stopped;
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        /** States heard since the last {@link #awaitState}. */
        private final java.util.Set<String> states = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** The smallest iteration heard since the socket last opened. */
        volatile int smallestSince = Integer.MAX_VALUE;
        /** The latest iteration heard, and when it arrived. */
        volatile int latest;
        volatile long latestAt = System.currentTimeMillis();
        /** The longest time between two progress messages since {@link #quietSince} was last asked. */
        volatile long longestQuiet;
        /** The last iteration heard before the session moved, and the first after. */
        volatile int beforeMove;
        volatile int afterMove;
        /** What it heard besides progress, and its socket's openings and closings, latest last: said when a wait fails. */
        private final java.util.Deque<String> heardLog = new java.util.concurrent.ConcurrentLinkedDeque<>();

        Owner(String id, String token) {
            options = new WebSocketConnectOptions().setPort(nginx.port()).setHost("127.0.0.1")
                    .setURI("/ws/sessions/" + id + "?token=" + token);
            connect();
        }

        private void connect() {
            if (stopped) {
                return;
            }
            sockets.connect(options).onSuccess(ws -> {
                heardOnSocket = false;
                socket = ws;
                smallestSince = Integer.MAX_VALUE;
                connections.incrementAndGet();
                note("open");
                ws.textMessageHandler(text -> heard(new JsonObject(text)));
                // as the page: acknowledged on an open socket, so that the next frame comes
                ws.binaryMessageHandler(frame -> ws.writeTextMessage(new JsonObject().put("type", "ack").encode()));
                ws.closeHandler(v -> {
                    note("closed " + ws.closeStatusCode() + " " + ws.closeReason());
                    client.setTimer(500, t -> connect());
                });
            }).onFailure(e -> {
                note("not opened: " + e.getMessage());
                client.setTimer(500, t -> connect());
            });
        }

        private void note(String what) {
            heardLog.add(java.time.LocalTime.now() + " (latest iteration " + latest + ") "
                    + (what.length() > 200 ? what.substring(0, 200) + "..." : what));
            while (heardLog.size() > 40) {
                heardLog.poll();
            }
        }

        private void heard(JsonObject message) {
            heardOnSocket = true;
            if (!"progress".equals(message.getString("type"))) {
                note(message.encode());
            }
            switch (message.getString("type")) {
                case "status" -> {
                    String state = message.getString("state");
                    if (state.equals("moved") && afterMove == 0 && beforeMove == 0) {
                        beforeMove = latest;
                    }
                    states.add(state);
                }
                case "progress" -> {
                    int iteration = message.getInteger("iteration");
                    long now = System.currentTimeMillis();
                    longestQuiet = Math.max(longestQuiet, now - latestAt);
                    smallestSince = Math.min(smallestSince, iteration);
                    if (beforeMove > 0 && afterMove == 0) {
                        afterMove = iteration;
                    }
                    latest = iteration;
                    latestAt = now;
                }
                case "error" -> System.out.println("the server said: " + message.encode());
                default -> {
                }
            }
        }

        /** Closes the socket; it opens again as after any drop. */
        void reconnect() {
            int before = connections.get();
            socket.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> connections.get() > before);
        }

        /** Waits for progress at or past {@code iteration}; returns the latest iteration. */
        int awaitIteration(int iteration) {
            try {
                return await("iteration " + iteration).atMost(Duration.ofSeconds(90)).until(() -> latest, i -> i >= iteration);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "; the owner heard " + heardLog, e);
            }
        }

        /**
         * Waits for progress heard on a socket opened after the {@code opened}th (which a web node took); returns the
         * latest iteration.
         */
        int awaitProgressSince(int opened) {
            try {
                await("progress on a new socket").atMost(Duration.ofSeconds(90))
                        .until(() -> connections.get() > opened && smallestSince != Integer.MAX_VALUE);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "; the owner heard " + heardLog, e);
            }
            return latest;
        }

        void awaitState(String state) {
            try {
                await("state " + state).atMost(Duration.ofSeconds(90)).until(() -> states.contains(state));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "; the owner heard " + heardLog, e);
            }
            states.clear();
        }

        /**
         * Sends a control once the socket is open and a web node took it (a page's buttons wait for the session's status
         * too): a control written to a socket that is then refused is lost, as it would be for a page.
         */
        void control(String type) {
            await().atMost(Duration.ofSeconds(30)).until(() -> socket != null && !socket.isClosed() && heardOnSocket);
            socket.writeTextMessage(new JsonObject().put("type", type).encode());
        }

        /** The longest the owner went without progress since the last call. */
        long quietSince() {
            long quiet = Math.max(longestQuiet, System.currentTimeMillis() - latestAt);
            longestQuiet = 0;
            return quiet;
        }

        void stop() {
            stopped = true;
        }
    }
}
