package io.stylecast.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.Backend;
import io.stylecast.session.Membership;
import io.stylecast.session.SessionWire;
import io.stylecast.session.manager.SessionManager;
import io.stylecast.session.protocol.ProtocolCodecs;
import io.stylecast.session.worker.NodeAgent;
import io.stylecast.session.worker.WorkerSupervisor;
import io.stylecast.settings.Settings;
import io.stylecast.settings.SettingsFile;
import io.stylecast.web.HttpVerticle;
import io.stylecast.web.NodeHttpVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Wires a node together on a Vert.x instance, by its role (the one place that knows every role's parts: the web
 * layer knows nothing of workers, the session side nothing of HTTP) ({@code cluster.role}; {@code all} on one
 * machine): the session manager on the one web node that holds its lease ({@link ManagerLease}; any number of web
 * nodes serve the web), the worker supervisor, which deploys each worker verticle
 * on a one-thread pool of its own, and the node's agent, which
 * announces the workers to the manager (worker, all), then the HTTP verticle (web, all) or a worker
 * node's own health and metrics, each deployed once the one before is ready. Tests start it the same
 * way, on port 0.
 */
public final class Server {

    private final Vertx vertx;
    private final int port;
    /** The deployments of the worker side (supervisor, agent), in the order deployed; stopped first. */
    private final List<String> workerSide;
    /** The web's HTTP verticle; null on a worker node. */
    private HttpVerticle http;

    private Server(Vertx vertx, int port, List<String> workerSide) {
        this.vertx = vertx;
        this.port = port;
        this.workerSide = workerSide;
    }

    /** The web's routes, {@code METHOD /path/:param} (a test checks them against the API's contract). */
    public List<String> routes() {
        return http == null ? List.of() : http.routes();
    }

    /**
     * A Vert.x builder with Micrometer metrics in a Prometheus registry whose every meter carries this
     * node's id as its {@code node} tag.
     */
    public static VertxBuilder vertxBuilder(String node) {
        return vertxBuilder(node, vertxOptions());
    }

    /** As {@link #vertxBuilder(String)}, with options from {@link #vertxOptions()} changed by the caller. */
    public static VertxBuilder vertxBuilder(String node, VertxOptions options) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", node, "backend", Backend.kind());
        return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
    }

    /**
     * The server's Vert.x options: blocked-thread warnings from 100 ms (with the blocked thread's stack from
     * {@code -Dstylecast.blockedStackMillis}, 5000 by default: stylecast-bench/scripts/classroom.sh sets 100 to find what blocks),
     * Micrometer metrics with JVM meters for Prometheus.
     */
    public static VertxOptions vertxOptions() {
        return new VertxOptions()
                .setBlockedThreadCheckInterval(100).setBlockedThreadCheckIntervalUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(Long.getLong("stylecast.blockedStackMillis", 5000))
                .setWarningExceptionTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    }

    /**
     * Starts this node by its role. A node that serves the web answers HTTP first (its health says
     * {@code STARTING} until a node with workers is there; sessions created meanwhile wait in the
     * queue), then loads the network. The network is loaded once (every worker runs the same
     * weights), on the first worker's own thread, so that the native memory freed while loading is
     * reused by that worker's sessions rather than kept in another thread's allocator arena.
     */
    public static Future<Server> start(Vertx vertx, Settings settings, Membership membership) {
        return start(vertx, settings, membership, !settings.role().computes() ? null : () -> {
            WorkerExecutor firstWorker = vertx.createSharedWorkerExecutor(WorkerSupervisor.poolName(0), 1);
            return firstWorker.executeBlocking(() -> {
                        // on a GPU build, the first worker's GPU: that worker runs this copy
                        List<Integer> devices = Backend.devices(settings);
                        if (!devices.isEmpty()) {
                            Backend.bind(devices.get(0));
                        }
                        return settings.models().catalog().load(settings.model(), Pooling.AVG, DataType.FLOAT);
                    })
                    .andThen(loaded -> firstWorker.close());
        });
    }

    /** Starts with the settings of a configuration ({@link SettingsFile#bind}). */
    public static Future<Server> start(Vertx vertx, JsonObject config, Membership membership) {
        return start(vertx, SettingsFile.bind(config), membership);
    }

    /** Starts on one machine on a network given (tests give one of their own, with faults in it). */
    public static Future<Server> start(Vertx vertx, JsonObject config, FeatureNetwork network) {
        return start(vertx, SettingsFile.bind(config), Membership.local(), () -> Future.succeededFuture(network));
    }

    /** Starts on one machine with a network that comes when {@code network}'s future does (tests: one that takes its time). */
    public static Future<Server> start(Vertx vertx, JsonObject config, Supplier<Future<FeatureNetwork>> network) {
        return start(vertx, SettingsFile.bind(config), Membership.local(), network);
    }

    /** @param network loads the network the workers run; null on a node that only serves the web */
    private static Future<Server> start(Vertx vertx, Settings settings, Membership membership,
                                        Supplier<Future<FeatureNetwork>> network) {
        StylecastMetrics metrics = StylecastMetrics.ofVertx();
        SessionWire.register(vertx.eventBus());
        ProtocolCodecs.register(vertx.eventBus());
        if (!settings.role().serves()) {
            return network.get().compose(loaded -> {
                WorkerSupervisor workers = new WorkerSupervisor(membership.self(), settings, metrics, loaded);
                NodeHttpVerticle health = new NodeHttpVerticle(workers::nodeInfo, workers::running, settings.http().host(),
                        settings.http().port());
                List<String> workerSide = new CopyOnWriteArrayList<>();
                return vertx.deployVerticle(workers).onSuccess(workerSide::add)
                        .compose(id -> vertx.deployVerticle(health))
                        .compose(id -> vertx.deployVerticle(new NodeAgent(workers, settings, membership, health.port())))
                        .onSuccess(workerSide::add)
                        .map(id -> new Server(vertx, health.port(), workerSide));
            });
        }
        HttpVerticle http = new HttpVerticle(settings, metrics);
        // on one machine there is no other table to note the start against
        ManagerLease lease = new ManagerLease(() -> new SessionManager(settings, metrics, membership), membership,
                settings.cluster().enabled() ? settings.output().directory().resolve(".cluster").resolve("table") : null);
        Future<Server> serving = vertx.deployVerticle(lease)
                .compose(id -> vertx.deployVerticle(http)).map(id -> {
                    Server server = new Server(vertx, http.port(), new CopyOnWriteArrayList<>());
                    server.http = http;
                    return server;
                });
        return network == null ? serving : serving.compose(server -> network.get()
                .compose(loaded -> {
                    WorkerSupervisor workers = new WorkerSupervisor(membership.self(), settings, metrics, loaded);
                    return vertx.deployVerticle(workers).onSuccess(server.workerSide::add)
                            .compose(id -> vertx.deployVerticle(new NodeAgent(workers, settings, membership, 0)))
                            .onSuccess(server.workerSide::add);
                })
                .map(id -> server));
    }

    /** The port of this node's HTTP server: the web's, or a worker node's health and metrics. */
    public int port() {
        return port;
    }

    public Vertx vertx() {
        return vertx;
    }

    /**
     * Stops this node and its Vert.x: the worker side first (the agent, then the workers, which save their runs
     * and hand their last files to the manager while it still listens), then everything else.
     */
    public Future<Void> close() {
        Future<Void> stopped = Future.succeededFuture();
        for (int i = workerSide.size() - 1; i >= 0; i--) {
            String deployment = workerSide.get(i);
            stopped = stopped.transform(v -> vertx.undeploy(deployment)).otherwiseEmpty();
        }
        return stopped.transform(v -> vertx.close());
    }
}
