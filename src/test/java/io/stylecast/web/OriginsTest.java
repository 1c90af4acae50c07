package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which pages may use the API: the server's own, Origin-less clients, and listed sites through Vert.x's CorsHandler. */
class OriginsTest {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = vertx.createHttpClient();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private int serve(List<String> allowed) {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(new Origins(allowed)::check);
        router.route("/api/things").handler(ctx -> ctx.response().end("{}"));
        router.route().failureHandler(ApiErrors::handle);
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
    }

    private record Answer(int status, String body, HttpClientResponse response) {
        String header(String name) {
            return response.getHeader(name);
        }
    }

    private Answer send(int port, HttpMethod method, String origin, String preflightMethod) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port)
                .setURI("/api/things");
        if (origin != null) {
            options.putHeader("Origin", origin);
        }
        if (preflightMethod != null) {
            options.putHeader("Access-Control-Request-Method", preflightMethod);
        }
        return client.request(options).compose(request -> request.send()
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString(), response))))
                .await();
    }

    @Test
    void theServersOwnPagesAndScriptsPassAndOtherSitesAreRefused() {
        int port = serve(List.of());
        assertEquals(200, send(port, HttpMethod.POST, null, null).status(), "no Origin: curl, a script");
        assertEquals(200, send(port, HttpMethod.POST, "http://127.0.0.1:" + port, null).status(), "the server's own page");
        Answer other = send(port, HttpMethod.POST, "https://evil.example", null);
        assertEquals(403, other.status());
        assertEquals("requests from https://evil.example are not allowed; add it to http.allowedOrigins",
                new JsonObject(other.body()).getString("error"));
    }

    @Test
    void listedSitesGetCorsHeadersAndPreflightsOthersStillNot() {
        int port = serve(List.of("https://school.example"));
        Answer preflight = send(port, HttpMethod.OPTIONS, "https://school.example", "POST");
        assertEquals(204, preflight.status());
        assertEquals("https://school.example", preflight.header("Access-Control-Allow-Origin"));
        assertEquals(List.of("DELETE", "GET", "POST"), List.of(preflight.header("Access-Control-Allow-Methods")
                .split(",")).stream().map(String::trim).sorted().toList());
        Answer post = send(port, HttpMethod.POST, "https://school.example", null);
        assertEquals(200, post.status());
        assertEquals("https://school.example", post.header("Access-Control-Allow-Origin"));
        Answer other = send(port, HttpMethod.GET, "https://evil.example", null);
        assertEquals(403, other.status());
        assertNull(other.header("Access-Control-Allow-Origin"));
        assertEquals("requests from https://evil.example are not allowed; add it to http.allowedOrigins",
                new JsonObject(other.body()).getString("error"));
        assertEquals(200, send(port, HttpMethod.POST, "http://127.0.0.1:" + port, null).status(), "its own page still");
    }

    @Test
    void aListedOriginThatIsNotOneStopsTheStart() {
        assertEquals("http.allowedOrigins must list origins such as https://school.example (scheme, host, port if not the"
                + " default) or \"*\", got [school]", assertThrows(IllegalArgumentException.class,
                () -> new Origins(List.of("school"))).getMessage());
    }
}
