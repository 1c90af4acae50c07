package io.stylecast.cli;

import io.stylecast.session.Backend;
import io.stylecast.session.ServerSettings;
import io.stylecast.web.Server;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stylecast serve}: the live server, on one machine or as one node of several. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the live server: sessions from browsers, every iteration streamed over WebSocket.",
            "With --cluster, one node of several: a web node (browsers, the sessions' table), worker nodes (compute), or both.",
            "Every key of the configuration can be overridden by an environment variable, e.g. STYLECAST_HTTP_PORT."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", paramLabel = "P", description = "HTTP port (default: the configuration's, 8080).")
    Integer port;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: conf/stylecast.json in the install directory).")
    Path config;

    @Option(names = "--cluster", description = "Join a cluster of nodes (cluster.enabled).")
    boolean cluster;

    @Option(names = "--role", paramLabel = "web|worker|all",
            description = "What this node does (cluster.role, default all); implies --cluster.")
    String role;

    @Option(names = "--cluster-host", paramLabel = "IP",
            description = "This machine's address the other nodes reach (cluster.host, default 127.0.0.1); implies --cluster.")
    String clusterHost;

    @Option(names = "--cluster-port", paramLabel = "P", description = "Hazelcast's port (cluster.port, default 5701); implies --cluster.")
    Integer clusterPort;

    @Option(names = "--cluster-members", paramLabel = "HOST:PORT,...",
            description = "Nodes to join, e.g. the web node's 10.0.0.1:5701 (cluster.members); implies --cluster.")
    String clusterMembers;

    @Override
    public Integer call() throws InterruptedException {
        JsonObject settings = ServerStartup.config(config);
        if (port != null) {
            settings.getJsonObject("http").put("port", port);
        }
        JsonObject section = settings.getJsonObject("cluster");
        if (cluster || role != null || clusterHost != null || clusterPort != null || clusterMembers != null) {
            section.put("enabled", true);
        }
        putIfGiven(section, "role", role);
        putIfGiven(section, "host", clusterHost);
        putIfGiven(section, "port", clusterPort);
        putIfGiven(section, "members", clusterMembers);
        try {
            ClusterStartup.check(settings);
            new ServerSettings(settings).check();
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            return 2;
        }
        ServerSettings node = new ServerSettings(settings);
        if (!node.role().equals("web")) {
            try {
                Backend.require();
            } catch (Backend.Unavailable e) {
                LOG.error("{}", e.getMessage());
                return 1;
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger();
        AtomicReference<Vertx> running = new AtomicReference<>();
        // SIGTERM or Ctrl-C: sessions are saved (or handed to the web node) and the node leaves its cluster
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Vertx vertx = running.get();
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
            stopped.countDown();
        }));
        ClusterStartup.vertx(settings)
                .onSuccess(running::set)
                .compose(vertx -> Server.start(vertx, settings))
                .onSuccess(server -> {
                    if (node.role().equals("worker")) {
                        LOG.info("stylecast worker node {} is up; its health and metrics on port {}", node.nodeId(), server.port());
                    } else {
                        LOG.info("stylecast is serving on http://localhost:{}/{}", server.port(),
                                node.clustered() ? " as node " + node.nodeId() + " (" + node.role() + ")" : "");
                    }
                })
                .onFailure(e -> {
                    LOG.error("the server could not start: {}", e.getMessage());
                    exitCode.set(1);
                    Vertx vertx = running.get();
                    (vertx == null ? io.vertx.core.Future.succeededFuture() : vertx.close()).onComplete(v -> stopped.countDown());
                });
        stopped.await();
        return exitCode.get();
    }

    private static void putIfGiven(JsonObject section, String key, Object value) {
        if (value != null) {
            section.put(key, value);
        }
    }
}
