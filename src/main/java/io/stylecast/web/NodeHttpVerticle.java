package io.stylecast.web;

import io.stylecast.session.RunRecord;
import io.stylecast.session.WorkerSupervisor;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * What a worker node serves over HTTP, for its operator, on {@code http.host}:{@code http.port}: {@code /api/health}
 * (the node, its workers, how many sessions it runs: never which, since a session's id alone opens its view) and
 * {@code /metrics}. Browsers talk to the web node only.
 */
public final class NodeHttpVerticle extends VerticleBase {

    private final WorkerSupervisor workers;
    private final String host;
    private final int port;
    private HttpServer server;

    public NodeHttpVerticle(WorkerSupervisor workers, String host, int port) {
        this.workers = workers;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/api/health").handler(ctx -> {
            var node = workers.nodeInfo(port());
            ctx.json(new JsonObject().put("status", "UP").put("node", node.id()).put("role", node.role())
                    .put("workers", node.workers()).put("memoryBudgetMb", node.memoryBudgetMb()).put("backend", node.backend())
                    .put("model", RunRecord.publicName(node.model())).put("sessions", workers.running()));
        });
        router.get("/metrics").handler(PrometheusScrapingHandler.create());
        router.route().failureHandler(ApiErrors::handle);
        router.errorHandler(404, ApiErrors::handle);
        server = vertx.createHttpServer();
        return server.requestHandler(router).listen(port, host);
    }

    public int port() {
        return server.actualPort();
    }
}
