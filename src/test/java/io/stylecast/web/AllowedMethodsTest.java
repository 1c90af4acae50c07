package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Vert.x Web knows the methods of the routes a 405's path matched, but sends them only in its own 405 (an empty
 * body) and keeps them from an error handler; ours answers JSON, so {@link AllowedMethods} reads them from the
 * router's routes. Here both answer the same requests on routes shaped as the server's (path parameters, wildcards,
 * routes without a method), and their {@code Allow} headers must agree.
 */
class AllowedMethodsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private static Router routes(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(ctx -> ctx.next());
        router.get("/api/sessions/:id").handler(ctx -> ctx.end());
        router.head("/api/sessions/:id").handler(ctx -> ctx.end());
        router.delete("/api/sessions/:id").handler(ctx -> ctx.end());
        router.post("/api/sessions").handler(ctx -> ctx.end());
        router.get("/api/sessions/:id/timelapse").handler(ctx -> ctx.end());
        router.post("/api/sessions/:id/resume").handler(ctx -> ctx.end());
        router.get("/ws/sessions/:id").handler(ctx -> ctx.end());
        router.get("/samples/:file").handler(ctx -> ctx.end());
        return router;
    }

    private int serve(Router router) {
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        return server.actualPort();
    }

    private static Set<String> allow(HttpClient client, int port, HttpMethod method, String path) {
        HttpClientResponse response = client.request(method, port, "127.0.0.1", path)
                .compose(request -> request.send().compose(sent -> sent.body().map(body -> sent))).await();
        assertEquals(405, response.statusCode(), method + " " + path);
        return Arrays.stream(response.getHeader("Allow").split(",")).map(String::trim)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void ourAllowHeaderIsTheOneVertxWouldSend() {
        Router ours = routes(vertx);
        AllowedMethods allowed = new AllowedMethods(ours);
        ours.errorHandler(405, ctx -> ctx.response().setStatusCode(405).putHeader("Allow", allowed.at(ctx.request().path()))
                .end("{\"error\":\"...\"}"));
        int oursPort = serve(ours);
        int vertxPort = serve(routes(vertx));
        HttpClient client = vertx.createHttpClient();
        for (String request : List.of("PUT /api/sessions/abc", "POST /api/sessions/abc", "DELETE /api/sessions",
                "PATCH /api/sessions/abc/timelapse", "GET /api/sessions/abc/resume", "POST /ws/sessions/abc",
                "DELETE /samples/chelsea.jpg")) {
            String[] parts = request.split(" ");
            HttpMethod method = HttpMethod.valueOf(parts[0]);
            assertEquals(allow(client, vertxPort, method, parts[1]), allow(client, oursPort, method, parts[1]), request);
        }
    }
}
