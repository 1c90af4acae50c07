package io.stylecast.web;

import io.stylecast.session.NodeInfo;
import io.stylecast.session.RunRecord;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * What a worker node serves over HTTP, for its operator, on {@code http.host}:{@code http.port}: {@code /api/health}
 * (the node, its workers, how many sessions it runs: never which, since a session's id alone opens its view) and
 * {@code /metrics}. Browsers talk to the web node only.
 */
public final class NodeHttpVerticle extends VerticleBase {

    private final IntFunction<NodeInfo> node;
    private final IntSupplier running;
    private final String host;
    private final int port;
    private HttpServer server;

    /**
     * @param node what the node announces, given the port it serves this on
     * @param running how many sessions it runs now
     */
    public NodeHttpVerticle(IntFunction<NodeInfo> node, IntSupplier running, String host, int port) {
        this.node = node;
        this.running = running;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/api/health").handler(ctx -> {
            NodeInfo info = node.apply(port());
            ctx.json(new JsonObject().put("status", "UP").put("node", info.id()).put("role", info.role())
                    .put("workers", info.workers()).put("memoryBudgetMb", info.memoryBudgetMb()).put("backend", info.backend())
                    .put("model", RunRecord.publicName(info.model())).put("sessions", running.getAsInt()));
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
