package io.stylecast.web;

import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.LocalCodec;
import io.stylecast.session.ServerSettings;
import io.stylecast.session.SessionManager;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.SessionCheckpoint;
import io.stylecast.session.SessionTicket;
import io.stylecast.session.protocol.ProtocolCodecs;
import io.stylecast.session.WorkerSupervisor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.List;
import io.stylecast.engine.net.Pooling;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Wires the server together on a Vert.x instance: the session manager, then the worker supervisor
 * (which deploys each worker verticle on a one-thread pool of its own and redeploys one that is
 * gone), then the HTTP verticle, each deployed once the one before is ready. Tests start it the same
 * way, on port 0.
 */
public final class Server {

    private final Vertx vertx;
    private final HttpVerticle http;
    private final WorkerSupervisor workers;

    private Server(Vertx vertx, HttpVerticle http, WorkerSupervisor workers) {
        this.vertx = vertx;
        this.http = http;
        this.workers = workers;
    }

    /** Vert.x options with Micrometer metrics in a Prometheus registry. */
    public static VertxOptions vertxOptions() {
        return new VertxOptions()
                .setBlockedThreadCheckInterval(100).setBlockedThreadCheckIntervalUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                .setJvmMetricsEnabled(true)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    }

    /**
     * Loads the configured network once (every worker runs the same weights), then starts. It is
     * loaded on the first worker's own thread, as it was when each worker loaded its own copy, so
     * that the native memory freed while loading is reused by that worker's sessions rather than
     * kept in another thread's allocator arena.
     */
    public static Future<Server> start(Vertx vertx, JsonObject config) {
        ServerSettings settings = new ServerSettings(config);
        WorkerExecutor firstWorker = vertx.createSharedWorkerExecutor(WorkerSupervisor.poolName(0), 1);
        return firstWorker.executeBlocking(() -> settings.models().load(settings.model(), Pooling.AVG, DataType.FLOAT))
                .compose(network -> start(vertx, config, network))
                .andThen(started -> firstWorker.close());
    }

    /** Starts on a network given (tests give one of their own, with faults in it). */
    static Future<Server> start(Vertx vertx, JsonObject config, FeatureNetwork network) {
        ServerSettings settings = new ServerSettings(config);
        StylecastMetrics metrics = StylecastMetrics.ofVertx();
        vertx.eventBus().registerDefaultCodec(SessionSpec.class, new LocalCodec<>(SessionSpec.class));
        vertx.eventBus().registerDefaultCodec(SessionTicket.class, new LocalCodec<>(SessionTicket.class));
        vertx.eventBus().registerDefaultCodec(SessionCheckpoint.class, new LocalCodec<>(SessionCheckpoint.class));
        ProtocolCodecs.register(vertx.eventBus());
        WorkerSupervisor workers = new WorkerSupervisor(settings, metrics, network);
        return vertx.deployVerticle(new SessionManager(settings, metrics))
                .compose(id -> vertx.deployVerticle(workers))
                .compose(id -> {
                    HttpVerticle http = new HttpVerticle(settings, metrics, network.layerNames());
                    return vertx.deployVerticle(http).map(ignored -> new Server(vertx, http, workers));
                });
    }

    /** The workers' current deployment ids (tests undeploy one to see it come back). */
    List<String> workerDeployments() {
        return workers.deploymentIds();
    }

    public int port() {
        return http.port();
    }

    public Vertx vertx() {
        return vertx;
    }
}
