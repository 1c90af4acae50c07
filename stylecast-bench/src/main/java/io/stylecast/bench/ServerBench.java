package io.stylecast.bench;

import io.stylecast.cli.ServerStartup;
import io.micrometer.core.instrument.MeterRegistry;

import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.node.Server;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench server}: the live server in this process, loopback only. Measures iteration
 * throughput with 1 and 4 concurrent sessions, the frame encode time as a share of iteration time,
 * and the CPU time of the server's threads with 1 and 30 WebSocket viewers of one session (the
 * viewers run on a Vert.x instance of their own, whose threads are not counted). Prints JSON.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the live server: sessions' throughput, encode share, CPU per viewer count; prints JSON.")
final class ServerBench implements Callable<Integer> {

    @Option(names = "--width", paramLabel = "PX", defaultValue = "256", description = "Session width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "60",
            description = "Iterations per session in the throughput runs (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--model", defaultValue = "default", description = "Network (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of each viewer run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--load", description = "Instead: 8 sessions with 50 viewers in all, then 50 sessions one batch"
            + " after another, reporting whether every viewer got its final frame and resident memory.")
    boolean load;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Override
    public Integer call() throws Exception {
        JsonObject config = ServerStartup.config(null);
        config.getJsonObject("http").put("port", 0).put("host", "127.0.0.1");
        config.put("model", model);
        // the benchmark polls status, opens sessions and viewers from one address
        config.getJsonObject("limits").put("requestsPerMinutePerClient", 1_000_000).put("maxSessionsPerClient", 100)
                .put("maxIterations", 1_000_000).put("maxConnectionsPerClient", 10_000).put("maxViewersPerSession", 10_000);
        config.getJsonObject("output").put("dir", Files.createTempDirectory("stylecast-bench").toString());
        Vertx vertx = Server.vertxBuilder("local").build();
        Vertx clients = null;
        try {
            port = Server.start(vertx, config, io.stylecast.session.Membership.local()).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS).port();
            List<Long> serverThreads = serverThreads();
            MeterRegistry registry = BackendRegistries.getDefaultNow();
            if (load) {
                clients = Vertx.vertx();
                System.out.println(load(clients, registry).encodePrettily());
                return 0;
            }
            JsonObject result = new JsonObject().put("model", model).put("width", width).put("iterations", iterations)
                    .put("cpu", Runtime.getRuntime().availableProcessors() + " cores");
            result.put("oneSessionItPerSec", throughput(1));
            long blockedBefore = eventLoopBlocks(registry);
            result.put("fourSessionsItPerSec", throughput(4));
            result.put("eventLoopBlocksOver100msDuringFourSessions", eventLoopBlocks(registry) - blockedBefore);
            result.put("maxEventLoopLagMillisSinceStart", maxEventLoopLagMillis(registry));
            double encode = registry.get("stylecast.frame.encode").timer().totalTime(TimeUnit.SECONDS);
            double iterate = registry.get("stylecast.iteration").timer().totalTime(TimeUnit.SECONDS);
            result.put("encodeShareOfIteration", encode / iterate);
            clients = Vertx.vertx();
            result.put("oneViewer", viewers(clients, 1, serverThreads));
            result.put("thirtyViewers", viewers(clients, 30, serverThreads));
            System.out.println(result.encodePrettily());
            return 0;
        } finally {
            if (clients != null) {
                clients.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Iterations per second summed over {@code sessions} sessions run at once. */
    private double throughput(int sessions) throws Exception {
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            ids.add(create(iterations).getString("id"));
        }
        for (String id : ids) {
            while (!status(id).getString("state").equals("done")) {
                Thread.sleep(50);
            }
        }
        return (double) sessions * iterations / ((System.nanoTime() - start) / 1e9);
    }

    /** Server-thread CPU and frames delivered with {@code count} viewers acknowledging every frame. */
    private JsonObject viewers(Vertx clients, int count, List<Long> serverThreads) throws Exception {
        JsonObject session = create(100_000);
        String id = session.getString("id");
        WebSocketClient client = clients.createWebSocketClient();
        long[] frames = new long[1];
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WebSocket ws = client.connect(port, "127.0.0.1", "/ws/sessions/" + id).map(socket -> {
                socket.binaryMessageHandler(b -> {
                    synchronized (frames) {
                        frames[0]++;
                    }
                    socket.writeTextMessage("{\"type\":\"ack\"}");
                });
                socket.textMessageHandler(t -> { });
                return socket;
            }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            sockets.add(ws);
        }
        Thread.sleep(1000);
        long cpuBefore = cpuNanos(serverThreads);
        long framesBefore;
        synchronized (frames) {
            framesBefore = frames[0];
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos(serverThreads) - cpuBefore) / 1e9;
        long delivered;
        synchronized (frames) {
            delivered = frames[0] - framesBefore;
        }
        for (WebSocket ws : sockets) {
            ws.close();
        }
        http.send(HttpRequest.newBuilder(URI.create(base() + "/api/sessions/" + id)).DELETE()
                .header("Authorization", "Bearer " + session.getString("ownerToken")).build(), HttpResponse.BodyHandlers.discarding());
        return new JsonObject().put("viewers", count).put("serverCpuCores", cpu / elapsed)
                .put("framesDeliveredPerSec", delivered / elapsed);
    }

    /** 8 sessions, 50 viewers acking every frame; then 50 more sessions in batches of 5, tracking RSS. */
    private JsonObject load(Vertx clients, MeterRegistry registry) throws Exception {
        long start = System.nanoTime();
        WebSocketClient client = clients.createWebSocketClient();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(create(iterations).getString("id"));
        }
        int[] lastFrame = new int[50];
        List<WebSocket> sockets = new ArrayList<>();
        for (int v = 0; v < 50; v++) {
            int viewer = v;
            sockets.add(client.connect(port, "127.0.0.1", "/ws/sessions/" + ids.get(v % 8)).map(socket -> {
                socket.textMessageHandler(text -> {
                    JsonObject m = new JsonObject(text);
                    if ("frame".equals(m.getString("type"))) {
                        lastFrame[viewer] = Math.max(lastFrame[viewer], m.getInteger("iteration"));
                    }
                });
                socket.binaryMessageHandler(b -> socket.writeTextMessage("{\"type\":\"ack\"}"));
                return socket;
            }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        }
        for (String id : ids) {
            while (!status(id).getString("state").equals("done")) {
                Thread.sleep(100);
            }
        }
        Thread.sleep(1000);
        int missed = 0;
        for (int frame : lastFrame) {
            missed += frame == iterations ? 0 : 1;
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        sockets.forEach(WebSocket::close);
        long rssAfterLoad = ResidentMemory.self().current();
        List<Long> rss = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            List<String> batchIds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batchIds.add(create(20).getString("id"));
            }
            for (String id : batchIds) {
                while (!status(id).getString("state").equals("done")) {
                    Thread.sleep(50);
                }
            }
            System.gc();
            rss.add(ResidentMemory.self().current());
        }
        double maxLag = maxEventLoopLagMillis(registry);
        return new JsonObject().put("sessions", 8).put("viewers", 50).put("iterationsPerSession", iterations)
                .put("seconds", loadSeconds).put("viewersMissingTheFinalFrame", missed)
                .put("maxEventLoopLagMillis", maxLag).put("rssAfterLoadBytes", rssAfterLoad)
                .put("rssAfterEachBatchOf5SessionsBytes", new io.vertx.core.json.JsonArray(rss))
                .put("peakRssBytes", ResidentMemory.self().peak());
    }

    private JsonObject create(int sessionIterations) throws Exception {
        JsonObject body = new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("params", new JsonObject().put("width", width).put("iterations", sessionIterations).put("saveEvery", 100_000));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not create a session: " + response.body());
        }
        return new JsonObject(response.body());
    }

    private JsonObject status(String id) throws Exception {
        return new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/sessions/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The server's threads: its event loops and workers, alive before any client exists. */
    private static List<Long> serverThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> ids = new ArrayList<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("vert.x-eventloop") || info.getThreadName().startsWith("stylecast-worker"))) {
                ids.add(info.getThreadId());
            }
        }
        return ids;
    }

    private static long cpuNanos(List<Long> ids) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : ids) {
            total += Math.max(0, threads.getThreadCpuTime(id));
        }
        return total;
    }

    /** The longest any event loop was late in the last minutes (the lag timers' decaying maximum). */
    private static double maxEventLoopLagMillis(MeterRegistry registry) {
        return registry.find("stylecast.event.loop.lag").timers().stream()
                .mapToDouble(t -> t.max(TimeUnit.MILLISECONDS)).max().orElse(0);
    }

    /** How many times since start-up an event loop was late by more than {@link StylecastMetrics#EVENT_LOOP_LAG_LIMIT}. */
    private static long eventLoopBlocks(MeterRegistry registry) {
        long blocks = 0;
        for (io.micrometer.core.instrument.Timer timer : registry.find("stylecast.event.loop.lag").timers()) {
            long withinLimit = 0;
            for (var bucket : timer.takeSnapshot().histogramCounts()) {
                if (bucket.bucket(TimeUnit.NANOSECONDS) <= StylecastMetrics.EVENT_LOOP_LAG_LIMIT.toNanos()) {
                    withinLimit = (long) bucket.count();
                }
            }
            blocks += timer.count() - withinLimit;
        }
        return blocks;
    }
}
