package io.stylecast.web;

import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.Addresses;
import io.stylecast.session.ServerSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.file.Path;

/**
 * The HTTP face of the server: the REST API, the WebSocket endpoint, {@code /metrics} and the page
 * in {@code webroot/}. Runs on an event loop and never blocks it: sessions live in the
 * {@link io.stylecast.session.SessionManager}, reached over the event bus.
 */
public final class HttpVerticle extends VerticleBase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpVerticle.class);

    private final ServerSettings settings;
    private final StylecastMetrics metrics;
    private final java.util.List<String> layerNames;
    private final Origins origins;
    private HttpServer server;

    /** @param layerNames the feature layers of the network the workers run, to check requests against */
    public HttpVerticle(ServerSettings settings, StylecastMetrics metrics, java.util.List<String> layerNames) {
        this.settings = settings;
        this.metrics = metrics;
        this.layerNames = java.util.List.copyOf(layerNames);
        this.origins = new Origins(settings.section("http").getJsonArray("allowedOrigins"));
    }

    @Override
    public Future<?> start() {
        JsonObject limits = settings.section("limits");
        server = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions()
                .setMaxWebSocketMessageSize(limits.getInteger("maxWebSocketMessageBytes"))
                .setMaxWebSocketFrameSize(limits.getInteger("maxWebSocketMessageBytes")));
        io.stylecast.metrics.EventLoopWatch.start(vertx, metrics, "http");
        return server.requestHandler(router()).listen(settings.section("http").getInteger("port"),
                settings.section("http").getString("host"));
    }

    /** The port the server listens on (useful when configured as 0). */
    public int port() {
        return server.actualPort();
    }

    Router router() {
        Router router = Router.router(vertx);
        SessionApi sessions = new SessionApi(vertx, settings, layerNames);
        Samples samples = new Samples();
        long maxUpload = settings.section("uploads").getLong("maxBytes");
        ClientLimits limits = new ClientLimits(settings.section("limits").getInteger("requestsPerMinutePerClient"));
        router.route("/api/*").handler(origins::check).handler(limits::check);
        router.get("/api/health").handler(this::health);
        router.get("/api/samples").handler(samples::list);
        router.get("/samples/:file").handler(samples::file);
        router.post("/api/sessions").handler(BodyHandler.create().setBodyLimit(maxUpload)
                .setUploadsDirectory(settings.outputDirectory().resolve(".uploads").toString())
                .setDeleteUploadedFilesOnEnd(true)).handler(sessions::create);
        router.get("/api/sessions/:id").handler(sessions::status);
        router.get("/api/sessions/:id/image").handler(sessions::image);
        router.delete("/api/sessions/:id").handler(sessions::cancel);
        router.post("/api/sessions/:id/resume").handler(sessions::resume);
        router.get("/ws/sessions/:id").handler(this::webSocket);
        router.get("/metrics").handler(PrometheusScrapingHandler.create());
        Path webroot = Path.of(settings.section("web").getString("root")).toAbsolutePath();
        router.get("/view/:id").handler(ctx -> ctx.response().sendFile(webroot.resolve("view.html").toString()));
        router.route("/*").handler(StaticHandler.create(FileSystemAccess.ROOT, webroot.toString()));
        router.route().failureHandler(ApiErrors::handle);
        return router;
    }

    private void health(RoutingContext ctx) {
        vertx.eventBus().<JsonObject>request(Addresses.HEALTH, "").onSuccess(reply -> {
            JsonObject h = reply.body();
            ctx.json(new JsonObject().put("status", "UP").put("model", h.getString("model"))
                    .put("workers", h.getInteger("workers"))
                    .put("sessions", new JsonObject().put("running", h.getLong("running")).put("queued", h.getInteger("queued"))
                            .put("resumable", h.getInteger("resumable"))));
        }).onFailure(e -> ApiErrors.send(ctx, e));
    }

    /** {@code /ws/sessions/{id}[?token=<ownerToken>]}: a viewer, or the owner when the token is right. */
    private void webSocket(RoutingContext ctx) {
        if (!origins.allowed(ctx.request())) {
            ApiErrors.send(ctx, 403, "WebSocket connections from " + ctx.request().getHeader("Origin") + " are not allowed");
            return;
        }
        String id = ctx.pathParam("id");
        String token = ctx.queryParams().get("token");
        ctx.request().toWebSocket().onSuccess(socket -> socket.pause()).onSuccess(socket -> vertx.eventBus()
                .<JsonObject>request(Addresses.AUTHORIZE, new JsonObject().put("id", id).put("token", token))
                .onSuccess(reply -> new ViewerSocket(vertx, socket, id, token, reply.body().getBoolean("owner"), metrics,
                        settings.section("limits").getInteger("webSocketMessagesPerSecond")).start())
                .onFailure(e -> {
                    LOG.info("WebSocket for session {} refused: {}", id, e.getMessage());
                    socket.close((short) 1008, "no session " + id);
                }));
    }
}
