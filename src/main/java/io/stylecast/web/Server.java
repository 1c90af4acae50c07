package io.stylecast.web;

import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.LocalCodec;
import io.stylecast.session.ServerSettings;
import io.stylecast.session.SessionManager;
import io.stylecast.session.NodeAgent;
import io.stylecast.session.SessionTicket;
import io.stylecast.session.SessionWire;
import io.stylecast.session.protocol.ProtocolCodecs;
import io.stylecast.session.WorkerSupervisor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.stylecast.engine.net.Pooling;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Wires a node together on a Vert.x instance, by its role ({@code cluster.role}; {@code all} on one
 * machine): the session manager (web, all), the worker supervisor, which deploys each worker verticle
 * on a one-thread pool of its own, and the node's agent, which
 * announces the workers to the manager (worker, all), then the HTTP verticle (web, all) or a worker
 * node's own health and metrics, each deployed once the one before is ready. Tests start it the same
 * way, on port 0.
 */
public final class Server {

    private final Vertx vertx;
    private final int port;

    private Server(Vertx vertx, int port) {
        this.vertx = vertx;
        this.port = port;
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
        registry.config().commonTags("node", node);
        return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
    }

    /** The server's Vert.x options: blocked-thread warnings from 100 ms, Micrometer metrics with JVM meters for Prometheus. */
    public static VertxOptions vertxOptions() {
        return new VertxOptions()
                .setBlockedThreadCheckInterval(100).setBlockedThreadCheckIntervalUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    }

    /**
     * Loads the configured network once (every worker runs the same weights), unless this node only
     * serves the web, then starts. It is loaded on the first worker's own thread, as it was when each
     * worker loaded its own copy, so that the native memory freed while loading is reused by that
     * worker's sessions rather than kept in another thread's allocator arena.
     */
    public static Future<Server> start(Vertx vertx, JsonObject config) {
        ServerSettings settings = new ServerSettings(config);
        if (settings.role().equals("web")) {
            return start(vertx, config, null);
        }
        WorkerExecutor firstWorker = vertx.createSharedWorkerExecutor(WorkerSupervisor.poolName(0), 1);
        return firstWorker.executeBlocking(() -> settings.models().load(settings.model(), Pooling.AVG, DataType.FLOAT))
                .compose(network -> start(vertx, config, network))
                .andThen(started -> firstWorker.close());
    }

    /** Starts on a network given (tests give one of their own, with faults in it); null on a web node. */
    static Future<Server> start(Vertx vertx, JsonObject config, FeatureNetwork network) {
        ServerSettings settings = new ServerSettings(config);
        boolean web = !settings.role().equals("worker");
        StylecastMetrics metrics = StylecastMetrics.ofVertx();
        vertx.eventBus().registerDefaultCodec(SessionTicket.class, new LocalCodec<>(SessionTicket.class));
        SessionWire.register(vertx.eventBus());
        ProtocolCodecs.register(vertx.eventBus());
        WorkerSupervisor workers = network == null ? null : new WorkerSupervisor(settings, metrics, network);
        Future<?> started = web ? vertx.deployVerticle(new SessionManager(settings, metrics)) : Future.succeededFuture();
        if (workers != null) {
            started = started.compose(id -> vertx.deployVerticle(workers));
        }
        Future<Integer> port;
        if (web) {
            HttpVerticle http = new HttpVerticle(settings, metrics);
            port = started.compose(id -> vertx.deployVerticle(http)).map(id -> http.port());
        } else {
            JsonObject section = settings.section("http");
            NodeHttpVerticle http = new NodeHttpVerticle(workers, section.getString("host"), section.getInteger("port"));
            port = started.compose(id -> vertx.deployVerticle(http)).map(id -> http.port());
        }
        return port.compose(p -> workers == null ? Future.succeededFuture(p)
                        : vertx.deployVerticle(new NodeAgent(workers, settings, web ? 0 : p)).map(id -> p))
                .map(p -> new Server(vertx, p));
    }

    /** The port of this node's HTTP server: the web's, or a worker node's health and metrics. */
    public int port() {
        return port;
    }

    public Vertx vertx() {
        return vertx;
    }
}
