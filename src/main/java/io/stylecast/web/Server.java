package io.stylecast.web;

import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.LocalCodec;
import io.stylecast.session.ServerSettings;
import io.stylecast.session.SessionManager;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.SessionTicket;
import io.stylecast.session.WorkerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import io.stylecast.engine.net.FeatureNetwork;

/**
 * Wires the server together on a Vert.x instance: the session manager, then the workers (each a
 * worker verticle on a one-thread pool of its own), then the HTTP verticle, each deployed once the
 * one before is ready. Tests start it the same way, on port 0.
 */
public final class Server {

    private final Vertx vertx;
    private final HttpVerticle http;

    private Server(Vertx vertx, HttpVerticle http) {
        this.vertx = vertx;
        this.http = http;
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

    public static Future<Server> start(Vertx vertx, JsonObject config) {
        return start(vertx, config, UnaryOperator.identity());
    }

    /**
     * @param networks wraps the network each worker loads; tests use it to inject faults
     */
    static Future<Server> start(Vertx vertx, JsonObject config, UnaryOperator<FeatureNetwork> networks) {
        ServerSettings settings = new ServerSettings(config);
        StylecastMetrics metrics = StylecastMetrics.ofVertx();
        vertx.eventBus().registerDefaultCodec(SessionSpec.class, new LocalCodec<>(SessionSpec.class));
        vertx.eventBus().registerDefaultCodec(SessionTicket.class, new LocalCodec<>(SessionTicket.class));
        List<WorkerVerticle> workers = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(new WorkerVerticle(i, settings, metrics, networks));
        }
        return vertx.deployVerticle(new SessionManager(settings, metrics))
                .compose(id -> deployWorkers(vertx, workers))
                .compose(ids -> {
                    HttpVerticle http = new HttpVerticle(settings, metrics, workers.get(0).network().layerNames());
                    return vertx.deployVerticle(http).map(id -> new Server(vertx, http));
                });
    }

    private static Future<?> deployWorkers(Vertx vertx, List<WorkerVerticle> workers) {
        List<Future<String>> deployments = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            deployments.add(vertx.deployVerticle(workers.get(i), new DeploymentOptions()
                    .setThreadingModel(ThreadingModel.WORKER)
                    .setWorkerPoolName("stylecast-worker-" + i)
                    .setWorkerPoolSize(1)));
        }
        return Future.all(deployments);
    }

    public int port() {
        return http.port();
    }

    public Vertx vertx() {
        return vertx;
    }
}
