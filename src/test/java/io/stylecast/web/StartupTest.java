package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;

import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import io.stylecast.model.MatConvNetVggTest;
import io.stylecast.model.VggMatFile;
import io.stylecast.node.Server;
import io.stylecast.settings.SettingsFile;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The server answers before its network is loaded: health says STARTING, a session created then
 * waits in the queue, and it runs once the workers are there.
 */
class StartupTest {

    private final Vertx vertx = Server.vertxBuilder("local").build();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    @Timeout(60)
    void httpAnswersWhileTheNetworkLoadsAndSessionsWaitForIt(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny-vgg.mat");
        new VggMatFile(MatConvNetVggTest.smallChannels()).write(model);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JsonObject config = SettingsFile.load(Path.of("conf/stylecast.json"), Map.of()).put("model", model.toString());
        config.getJsonObject("http").put("port", port).put("host", "127.0.0.1");
        config.getJsonObject("output").put("dir", dir.resolve("output").toString());
        config.getJsonObject("web").put("root", Path.of("webroot").toAbsolutePath().toString());
        String base = "http://127.0.0.1:" + port;

        Promise<FeatureNetwork> loading = Promise.promise();
        Future<Server> started = Server.start(vertx, config, loading::future);
        JsonObject health = awaitAnswer(base + "/api/health");
        assertEquals("STARTING", health.getString("status"));
        assertEquals(0, health.getJsonArray("nodes").size());
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"contentSample\":\"chelsea\",\"styleSample\":\"ihc\",\"params\":{\"width\":32,\"iterations\":5}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String status = base + "/api/sessions/" + new JsonObject(created.body()).getString("id");
        assertEquals("queued", get(status).getString("state"), "it waits for the workers");

        loading.complete(SettingsFile.bind(config).models().catalog().load(model.toString(), Pooling.AVG, DataType.FLOAT));
        started.await();
        assertEquals("UP", get(base + "/api/health").getString("status"));
        await("the waiting session runs").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> get(status).getString("state").equals("done"));
    }

    private JsonObject get(String uri) throws Exception {
        return new JsonObject(http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonObject awaitAnswer(String uri) {
        return org.awaitility.Awaitility.await("an answer from " + uri).atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(20)).ignoreExceptionsInstanceOf(java.io.IOException.class)
                .until(() -> get(uri), java.util.Objects::nonNull);
    }
}
