package io.stylecast.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylecast.cluster.ClusterSecret;
import io.stylecast.model.MatConvNetVggTest;
import io.stylecast.model.VggMatFile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Nodes of one cluster, each a JVM of its own started as {@code bin/stylecast serve --role ...} starts it, on
 * loopback, with one secret and one tiny network file between them; every one stopped by its process id when the
 * cluster is closed, whatever the test did.
 */
final class TestCluster implements AutoCloseable {

    final Path dir;
    final Path secret;
    final Path model;
    private final JsonObject config;
    private final List<ServerProcess> nodes = new ArrayList<>();

    /** @param overrides merged into every node's configuration */
    TestCluster(Path dir, JsonObject overrides) throws Exception {
        this.dir = dir;
        this.secret = dir.resolve("cluster-secret.p12");
        ClusterSecret.create(secret);
        this.model = dir.resolve("tiny-vgg.mat");
        new VggMatFile(MatConvNetVggTest.smallChannels()).write(model);
        // tests poll the web node every 100 ms, and start many sessions from one address
        this.config = new JsonObject().put("model", model.toString())
                .put("limits", new JsonObject().put("requestsPerMinutePerClient", 100_000).put("maxSessionsPerClient", 100))
                .mergeIn(overrides, true);
    }

    /** A web node on its own cluster port; its HTTP port is a free one. */
    ServerProcess web(String name, int clusterPort) throws Exception {
        return start(name, List.of("--role", "web", "--cluster-port", "" + clusterPort, "--cluster-secret", secret.toString()));
    }

    /** A worker node joining the node at {@code joinPort}. */
    ServerProcess worker(String name, int clusterPort, int joinPort) throws Exception {
        return start(name, List.of("--role", "worker", "--cluster-port", "" + clusterPort, "--cluster-members",
                "127.0.0.1:" + joinPort, "--cluster-secret", secret.toString()));
    }

    /** A node of {@code role} on its own cluster port, joining {@code members}, with settings of its own. */
    ServerProcess member(String name, String role, int clusterPort, List<String> members, JsonObject settings) throws Exception {
        return start(name, List.of("--role", role, "--cluster-port", "" + clusterPort, "--cluster-members",
                String.join(",", members), "--cluster-secret", secret.toString()), settings);
    }

    /** Any node, with the arguments given to {@code serve} (its output under {@code dir/name}). */
    ServerProcess start(String name, List<String> args) throws Exception {
        return start(name, args, new JsonObject());
    }

    /** Any node, with settings of its own merged over the cluster's (a node started again in the same folder finds its output). */
    ServerProcess start(String name, List<String> args, JsonObject settings) throws Exception {
        // times in the nodes' logs, to follow a failure across them
        ServerProcess node = ServerProcess.start(dir.resolve(name), config.copy().mergeIn(settings, true),
                List.of("-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"), args);
        nodes.add(node);
        return node;
    }

    /** Waits until the web node has {@code count} worker nodes that take sessions, and returns them as it lists them. */
    static JsonArray awaitReadyNodes(ServerProcess web, int count) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> readyNodes(web) == count);
        return web.getJson("/api/health").getJsonArray("nodes");
    }

    /** The worker nodes a web node lists as ready; none while it cannot list them yet (a restarted one, starting). */
    static long readyNodes(ServerProcess web) throws Exception {
        JsonArray nodes = web.getJson("/api/health").getJsonArray("nodes");
        return nodes == null ? 0 : nodes.stream().map(JsonObject.class::cast).filter(n -> n.getBoolean("ready")).count();
    }

    /** Creates a session of {@code iterations} at 48 px on the samples; {@code listed} puts it on the wall. */
    static JsonObject create(ServerProcess web, int iterations, boolean listed) throws Exception {
        return create(web.http, web.base, iterations, listed);
    }

    /** As {@link #create(ServerProcess, int, boolean)}, at any address ({@code base}: {@code http://host:port}). */
    static JsonObject create(java.net.http.HttpClient http, String base, int iterations, boolean listed) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("contentSample", "chelsea").put("styleSample", "ihc").put("listed", listed)
                        .put("params", new JsonObject().put("width", 48).put("iterations", iterations).put("saveEvery", 50))
                        .encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, reply.statusCode(), reply.body());
        return new JsonObject(reply.body());
    }

    /** The number of sessions a worker node says it runs. */
    static int sessionsOn(ServerProcess worker) throws Exception {
        return worker.getJson("/api/health").getInteger("sessions");
    }

    /** {@code count} ports free on 127.0.0.1 now, for nodes to bind (each test binds them within seconds). */
    static int[] freePorts(int count) throws Exception {
        int[] ports = new int[count];
        List<ServerSocket> sockets = new ArrayList<>();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            // below the kernel's ephemeral range (32768 and up), where no node's port-0 bind or outgoing connection
            // can take the port between now and the moment its node binds it
            while (ports[i] == 0) {
                int candidate = random.nextInt(20_000, 32_000);
                try {
                    ServerSocket socket = new ServerSocket();
                    socket.bind(new java.net.InetSocketAddress("127.0.0.1", candidate));
                    sockets.add(socket);
                    ports[i] = candidate;
                } catch (java.io.IOException taken) {
                    // try another
                }
            }
        }
        for (ServerSocket socket : sockets) {
            socket.close();
        }
        return ports;
    }

    @Override
    public void close() throws Exception {
        for (ServerProcess node : nodes) {
            node.close();
        }
    }
}
