package io.stylecast.web;

import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.model.MatConvNetVggTest;
import io.stylecast.model.VggMatFile;
import io.stylecast.node.Server;
import io.stylecast.settings.SettingsFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The production server on port 0 with a tiny random VGG-shaped network written as a .mat file,
 * and clients that talk to it over real HTTP and WebSocket connections.
 */
final class ServerFixture implements AutoCloseable {

    final Vertx vertx;
    final Server server;
    /** The JDK's client for plain HTTP (Vert.x 5's HttpClient stalled now and then when driven from a test thread). */
    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    final WebSocketClient webSockets;
    final Path output;

    private ServerFixture(Vertx vertx, Server server, Path output) {
        this.vertx = vertx;
        this.server = server;
        this.output = output;
        this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(16 << 20));
    }

    /** @param overrides merged into the test configuration (2 workers, budget for all) */
    static ServerFixture start(Path dir, JsonObject overrides) throws IOException {
        return start(dir, overrides, java.util.function.UnaryOperator.identity());
    }

    static ServerFixture start(Path dir, JsonObject overrides,
                               java.util.function.UnaryOperator<FeatureNetwork> networks) throws IOException {
        Path model = dir.resolve("tiny-vgg.mat");
        new VggMatFile(MatConvNetVggTest.smallChannels()).write(model);
        Path output = dir.resolve("output");
        Files.createDirectories(output);
        JsonObject config = SettingsFile.load(Path.of("conf/stylecast.json"), java.util.Map.of());
        config.getJsonObject("http").put("port", 0).put("host", "127.0.0.1");
        config.put("model", model.toString());
        config.getJsonObject("workers").put("count", 2);
        config.getJsonObject("output").put("dir", output.toString());
        config.getJsonObject("web").put("root", Path.of("webroot").toAbsolutePath().toString());
        // tests poll status every 50 ms and open several sessions from one address
        config.getJsonObject("limits").put("requestsPerMinutePerClient", 100_000).put("maxSessionsPerClient", 100);
        config.mergeIn(overrides, true);
        Vertx vertx = Server.vertxBuilder("local").build();
        FeatureNetwork network = SettingsFile.bind(config).models().catalog()
                .load(model.toString(), io.stylecast.engine.net.Pooling.AVG, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        Server server = await(Server.start(vertx, config, networks.apply(network)));
        return new ServerFixture(vertx, server, output);
    }

    static Throwable awaitFailure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("timed out: " + e, e);
        }
        throw new AssertionError("expected a failure");
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("timed out or failed: " + e, e);
        }
    }

    /** A response's status, body and headers. */
    record Response(int status, Buffer body, java.net.http.HttpHeaders headers) {
        JsonObject json() {
            return body.toJsonObject();
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Response request(HttpMethod method, String uri, String contentType, Buffer body, String authorization) {
        return request(method, uri, contentType, body, authorization, null);
    }

    Response request(HttpMethod method, String uri, String contentType, Buffer body, String authorization, String origin) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return request(method, uri, body, headers);
    }

    /** A request with the headers given. */
    Response request(HttpMethod method, String uri, Buffer body, java.util.Map<String, String> headers) {
        var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + uri))
                .timeout(java.time.Duration.ofSeconds(30))
                .method(method.name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.getBytes()));
        headers.forEach(builder::header);
        try {
            var response = http.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), Buffer.buffer(response.body()), response.headers());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + uri + " failed: " + e, e);
        }
    }

    Response get(String uri) {
        return request(HttpMethod.GET, uri, null, null, null);
    }

    Response postJson(JsonObject body) {
        return request(HttpMethod.POST, "/api/sessions", "application/json", body.toBuffer(), null);
    }

    /** Creates a session on the samples and returns {id, ownerToken, ...}. */
    /** A small session that runs until it is cancelled (20000 iterations): a bystander, or one to pause and steer. */
    JsonObject createEndlessSession() {
        return createSession(new JsonObject().put("width", 32).put("iterations", 20000));
    }

    JsonObject createSession(JsonObject params) {
        Response response = postJson(new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("params", params));
        if (response.status() != 201) {
            throw new AssertionError("create failed: " + response.status() + " " + response.body());
        }
        return response.json();
    }

    WsViewer viewer(String sessionId, String token) {
        String uri = "/ws/sessions/" + sessionId + (token != null ? "?token=" + token : "");
        // handlers are set on the event loop as the connection opens, so that no early message is missed
        return await(webSockets.connect(server.port(), "127.0.0.1", uri).map(WsViewer::new));
    }

    /** Polls the session's status until its state is one of {@code states}. */
    JsonObject awaitState(String id, String... states) {
        return org.awaitility.Awaitility.await("session " + id + " reaches " + String.join("|", states)).atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(50)).until(() -> get("/api/sessions/" + id).json(),
                        status -> java.util.Arrays.asList(states).contains(status.getString("state")));
    }

    /** The session still advances (it is a bystander of whatever the test did) and the server still answers. */
    void assertProgressing(String id) {
        int before = get("/api/sessions/" + id).json().getInteger("iteration");
        org.awaitility.Awaitility.await("session " + id + " goes on").atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> get("/api/sessions/" + id).json().getInteger("iteration") > before);
        JsonObject health = get("/api/health").json();
        if (!"UP".equals(health.getString("status"))) {
            throw new AssertionError("the server is not UP: " + health.encode());
        }
    }

    @Override
    public void close() {
        await(server.close());
    }

}
