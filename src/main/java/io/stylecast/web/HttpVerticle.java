package io.stylecast.web;

import io.stylecast.engine.OptimizerKind;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.Addresses;
import io.stylecast.session.protocol.Health;
import io.stylecast.session.protocol.Seats;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.ArrayList;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.file.Path;

/**
 * The HTTP face of the server: the REST API, the WebSocket endpoint, {@code /metrics} and the page
 * in {@code webroot/}. Runs on an event loop and never blocks it: sessions live in the
 * {@link io.stylecast.session.manager.SessionManager}, reached over the event bus, and uploaded pictures are
 * decoded on a pool of {@code uploads.decodeThreads} threads.
 */
public final class HttpVerticle extends VerticleBase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpVerticle.class);

    private final Settings settings;
    private final StylecastMetrics metrics;
    private final Origins origins;
    private final Clients clients;
    private Router router;
    private SessionFeeds feeds;
    private WorkerExecutor decoders;
    private HttpServer server;

    public HttpVerticle(Settings settings, StylecastMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.origins = new Origins(settings.http().allowedOrigins());
        this.clients = new Clients(settings.http().trustedProxies());
    }

    @Override
    public Future<?> start() {
        Settings.Http http = settings.http();
        Settings.Limits limits = settings.limits();
        int idleSeconds = http.idleTimeoutSeconds();
        HttpServerOptions options = new HttpServerOptions()
                .setMaxWebSocketMessageSize(limits.maxWebSocketMessageBytes())
                .setMaxWebSocketFrameSize(limits.maxWebSocketMessageBytes())
                // frames are JPEG or PNG already: deflate would cost each socket its zlib buffers for nothing
                .setPerFrameWebSocketCompressionSupported(false).setPerMessageWebSocketCompressionSupported(false)
                .setIdleTimeout(idleSeconds)
                // HTTP/1.1 only, so that ConnectionGuard sees each connection before its first request
                .setHttp2ClearTextEnabled(false)
                // pages, scripts, styles and JSON gzipped for browsers that take it; pictures say identity
                .setCompressionSupported(true);
        int maxConnections = ConnectionGuard.maxConnections(limits.maxConnections());
        ConnectionGuard guard = new ConnectionGuard(options, http.headerTimeoutSeconds() * 1000L,
                http.bodyTimeoutSeconds() * 1000L, limits.maxConnectionsPerClient(), maxConnections,
                clients::trusted);
        LOG.info("at most {} connections at once, {} from one client (limits.maxConnections, limits.maxConnectionsPerClient)",
                maxConnections, limits.maxConnectionsPerClient());
        feeds = new SessionFeeds(vertx);
        decoders = vertx.createSharedWorkerExecutor("stylecast-decode", settings.uploads().decodeThreads());
        server = vertx.createHttpServer(options).connectionHandler(guard::onConnection);
        io.stylecast.metrics.EventLoopWatch.start(vertx, metrics, "http");
        // an idle WebSocket (a paused session's viewer) is pinged, so that only dead ones reach the idle timeout
        vertx.setPeriodic(Math.max(1000, idleSeconds * 1000L / 3), id -> feeds.viewers().forEach(ViewerSocket::ping));
        if (settings.cluster().enabled()) {
            // the table counts the seats it gave; one that took over from a web node that went away learns the rest here
            String census = java.util.UUID.randomUUID().toString();
            vertx.setPeriodic(settings.cluster().heartbeatMillis(),
                    id -> vertx.eventBus().send(Addresses.CENSUS, new Seats.Census(census, feeds.counts())));
        }
        router = router();
        return server.requestHandler(router).listen(http.port(), http.host());
    }

    @Override
    public Future<?> stop() {
        return decoders.close();
    }

    /** Each route the router has, {@code METHOD /path/:param}; a route for every method as {@code * /path}. */
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null) {
                continue;
            }
            if (route.methods() == null || route.methods().isEmpty()) {
                routes.add("* " + route.getPath());
            } else {
                route.methods().forEach(method -> routes.add(method.name() + " " + route.getPath()));
            }
        }
        return routes;
    }

    /** The port the server listens on (useful when configured as 0). */
    public int port() {
        return server.actualPort();
    }

    Router router() {
        Router router = Router.router(vertx);
        SessionApi sessions = new SessionApi(vertx, settings, decoders);
        Samples samples = new Samples();
        long maxUpload = settings.uploads().maxBytes();
        ClientLimits limits = new ClientLimits(settings.limits().requestsPerMinutePerClient(),
                settings.limits().requestsPerMinutePerAddress());
        router.route().handler(clients::identify);
        router.route("/api/*").handler(origins::check).handler(limits::check);
        router.route("/ws/*").handler(origins::check).handler(limits::check);
        read(router, "/api/health").handler(this::health);
        Buffer contract = ApiContract.document();
        read(router, "/api/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache").end(contract));
        read(router, "/api/samples").handler(samples::list);
        read(router, "/samples/:file").handler(samples::file);
        read(router, "/samples/small/:file").handler(samples::smallFile);
        router.post("/api/sessions").handler(BodyHandler.create().setBodyLimit(maxUpload)
                .setUploadsDirectory(settings.output().directory().resolve(".uploads").toString())
                .setDeleteUploadedFilesOnEnd(true)).handler(sessions::create)
                .failureHandler(ctx -> {
                    if (ctx.statusCode() == 413) {
                        String most = maxUpload >= 1 << 20 ? maxUpload / (1 << 20) + " MB" : maxUpload / 1024 + " KB";
                        ApiErrors.send(ctx, 413, "the upload is too large: at most " + most + " in all");
                    } else {
                        ctx.next();
                    }
                });
        read(router, "/api/sessions/:id").handler(sessions::status);
        read(router, "/api/sessions/:id/image").handler(sessions::image);
        read(router, "/api/sessions/:id/timelapse").handler(sessions::timeLapse);
        read(router, "/api/sessions/:id/final.png").handler(sessions::finalPicture);
        read(router, "/api/sessions/:id/params.json").handler(sessions::params);
        read(router, "/api/sessions/:id/snapshots").handler(sessions::snapshots);
        read(router, "/api/sessions/:id/snapshots/:name").handler(sessions::snapshot);
        read(router, "/api/sessions/:id/picture.png").handler(sessions::picture);
        read(router, "/api/wall").handler(sessions::wall);
        router.delete("/api/sessions/:id").handler(sessions::cancel);
        router.post("/api/sessions/:id/resume").handler(sessions::resume);
        router.get("/ws/sessions/:id").handler(this::webSocket);
        read(router, "/metrics").handler(PrometheusScrapingHandler.create());
        Path webroot = Path.of(settings.web().root()).toAbsolutePath();
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(HttpVerticle::revalidatePages);
        read(router, "/view/:id").handler(ctx -> ctx.response().sendFile(webroot.resolve("view.html").toString()));
        read(router, "/wall").handler(ctx -> ctx.response().sendFile(webroot.resolve("wall.html").toString()));
        read(router, "/*").handler(StaticHandler.create(FileSystemAccess.ROOT, webroot.toString()));
        router.route().failureHandler(ApiErrors::handle);
        AllowedMethods allowed = new AllowedMethods(router);
        router.errorHandler(404, ApiErrors::handle);
        router.errorHandler(405, ctx -> {
            ctx.response().putHeader("Allow", allowed.at(ctx.request().path()));
            ApiErrors.handle(ctx);
        });
        return router;
    }

    /**
     * The pages, scripts and styles are asked for again at every load ({@code no-cache}: a 304 when unchanged, by
     * their Last-Modified), so that an upgrade reaches every browser at once; Vert.x's static handler would let
     * browsers keep them a day as immutable.
     */
    private static void revalidatePages(RoutingContext ctx) {
        String path = ctx.request().path();
        if (!path.startsWith("/api/") && !path.startsWith("/samples/") && !path.startsWith("/ws/") && !path.equals("/metrics")) {
            ctx.addHeadersEndHandler(v -> ctx.response().putHeader("Cache-Control", "no-cache"));
        }
        ctx.next();
    }

    /** A route for GET and HEAD (HEAD answers with GET's headers and no body). */
    private static Route read(Router router, String path) {
        return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
    }

    private void health(RoutingContext ctx) {
        vertx.eventBus().<Health>request(Addresses.HEALTH, "", TableCalls.QUICK).onSuccess(reply -> {
            Health h = reply.body();
            JsonArray nodes = new JsonArray();
            h.nodes().forEach(n -> nodes.add(JsonObject.mapFrom(n)));
            ctx.json(new JsonObject().put("status", h.status()).put("model", h.model())
                    .put("workers", h.workers())
                    .put("sessions", new JsonObject().put("running", h.running()).put("queued", h.queued())
                            .put("resumable", h.resumable()))
                    .put("node", settings.nodeId()).put("backend", h.backend())
                    .put("nodes", nodes)
                    .put("defaults", h.defaults().copy()
                            .put("learningRates", new JsonObject().put("adam", OptimizerKind.ADAM.defaultLearningRate())
                                    .put("lbfgs", OptimizerKind.LBFGS.defaultLearningRate()))
                            .put("maxIterations", settings.limits().maxIterations())
                            .put("maxUploadBytes", settings.uploads().maxBytes())));
        }).onFailure(e -> ApiErrors.send(ctx, e));
    }

    /**
     * {@code /ws/sessions/{id}[?token=<ownerToken>]}: a viewer, or the owner when the token is right.
     * The manager gives the socket a seat first ({@code limits.maxViewersPerSession}; the owner always
     * gets one); a refused socket is closed with the reason.
     */
    private void webSocket(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String token = ctx.queryParams().get("token");
        ctx.request().toWebSocket().onSuccess(ServerWebSocket::pause).onSuccess(socket -> vertx.eventBus()
                .<Seats.Seat>request(Addresses.AUTHORIZE, new Seats.Request(id, token), TableCalls.QUICK)
                .onSuccess(reply -> {
                    new ViewerSocket(vertx, socket, id, token, reply.body().owner(), metrics,
                            settings.limits().webSocketMessagesPerSecond(), feeds).start();
                })
                .onFailure(e -> {
                    LOG.debug("WebSocket for session {} refused: {}", id, e.getMessage());
                    ViewerSocket.refuse(socket, id, e);
                }));
    }
}
