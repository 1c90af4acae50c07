package io.stylecast.cli;

import io.stylecast.session.Backend;
import io.stylecast.settings.Role;
import io.stylecast.settings.Settings;
import io.stylecast.settings.SettingsFile;
import io.stylecast.node.Server;
import io.vertx.core.Future;
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

    @Option(names = "--cluster-secret", paramLabel = "FILE",
            description = "The cluster's secret, the same file on every node (cluster.secretFile; make one with"
                    + " `stylecast cluster-secret FILE`); implies --cluster.")
    Path clusterSecret;

    @Override
    public Integer call() throws InterruptedException {
        JsonObject settings = ServerStartup.config(config);
        setIfGiven(settings, "http.port", port);
        if (cluster || role != null || clusterHost != null || clusterPort != null || clusterMembers != null
                || clusterSecret != null) {
            SettingsFile.set(settings, "cluster.enabled", true);
        }
        setIfGiven(settings, "cluster.role", role);
        setIfGiven(settings, "cluster.host", clusterHost);
        setIfGiven(settings, "cluster.port", clusterPort);
        setIfGiven(settings, "cluster.members", clusterMembers);
        setIfGiven(settings, "cluster.secretFile", clusterSecret == null ? null : clusterSecret.toAbsolutePath().toString());
        Settings node;
        try {
            node = SettingsFile.bind(settings);
            ClusterStartup.check(node);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            return 2;
        }
        // a cluster is joined while ND4J loads
        Future<ClusterStartup.Node> starting = ClusterStartup.start(node);
        if (node.role().computes()) {
            try {
                Backend.require();
            } catch (Backend.Unavailable e) {
                LOG.error("{}", e.getMessage());
                return 1;
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger();
        AtomicReference<ClusterStartup.Node> running = new AtomicReference<>();
        AtomicReference<Server> serving = new AtomicReference<>();
        // SIGTERM or Ctrl-C: sessions are saved (or handed to the web node) and the node leaves its cluster
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ClusterStartup.Node started = running.get();
            if (started != null) {
                Server server = serving.get();
                (server != null ? server.close() : started.vertx().close()).toCompletionStage().toCompletableFuture().join();
                started.leave().run();
            }
            stopped.countDown();
        }));
        starting
                .onSuccess(running::set)
                .compose(started -> Server.start(started.vertx(), node, started.membership()))
                .onSuccess(server -> {
                    serving.set(server);
                    if (node.role() == Role.WORKER) {
                        LOG.info("stylecast worker node {} is up; its health and metrics on port {}", node.nodeId(), server.port());
                    } else {
                        LOG.info("stylecast is serving on http://localhost:{}/{}", server.port(),
                                node.cluster().enabled() ? " as node " + node.nodeId() + " (" + node.role().id() + ")" : "");
                    }
                })
                .onFailure(e -> {
                    LOG.error("the server could not start: {}", reason(e));
                    exitCode.set(1);
                    ClusterStartup.Node started = running.get();
                    (started == null ? io.vertx.core.Future.succeededFuture() : started.vertx().close()).onComplete(v -> {
                        if (started != null) {
                            started.leave().run();
                        }
                        stopped.countDown();
                    });
                });
        stopped.await();
        return exitCode.get();
    }

    /**
     * Why the start failed, for the operator: the first message along the chain of causes (a bind failure says which
     * address), or the kind of failure when none has one; never "null".
     */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    private static void setIfGiven(JsonObject settings, String key, Object value) {
        if (value != null) {
            SettingsFile.set(settings, key, value);
        }
    }
}
