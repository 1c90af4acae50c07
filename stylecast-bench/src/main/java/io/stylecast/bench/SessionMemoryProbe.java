package io.stylecast.bench;

import io.stylecast.cli.ServeProcess;
import io.stylecast.cli.ServerStartup;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one session really takes: starts {@code serve} in a JVM of its own ({@link ServeProcess}), waits until it
 * is up and idle, then runs one session on the sample pictures and reads how far the server's resident memory rose
 * above where it was before (its peak, reset just before the session).
 */
public final class SessionMemoryProbe {

    /** @param idleBytes resident before the session; @param peakBytes the most resident while it ran */
    public record Measurement(String model, int width, int height, int iterations, long idleBytes, long peakBytes) {

        /** What the session added: the figure admission estimates. */
        public long sessionBytes() {
            return peakBytes - idleBytes;
        }

        public long pixels() {
            return (long) width * height;
        }

        JsonObject toJson() {
            return new JsonObject().put("model", model).put("width", width).put("height", height)
                    .put("iterations", iterations).put("idleRssBytes", idleBytes).put("peakRssBytes", peakBytes)
                    .put("sessionBytes", sessionBytes());
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SessionMemoryProbe() {
    }

    /**
     * @param model the network, as {@code serve}'s {@code model} setting
     * @param work a directory for the server's configuration, log and output
     */
    public static Measurement measure(String model, int width, int height, int iterations, Path work) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JsonObject config = ServerStartup.config(null).put("model", model);
        config.getJsonObject("http").put("port", port).put("host", "127.0.0.1");
        config.getJsonObject("output").put("dir", work.resolve("output").toString());
        try (ServeProcess server = ServeProcess.start(work, config, List.of(), List.of())) {
            String base = "http://127.0.0.1:" + port;
            awaitUp(base, server);
            Thread.sleep(1000); // let start-up's last allocations settle
            ResidentMemory memory = ResidentMemory.of(server.process().pid());
            long idle = memory.current();
            memory.resetPeak();
            runSession(base, width, height, iterations, server.log());
            return new Measurement(model, width, height, iterations, idle, memory.peak());
        }
    }

    private static void awaitUp(String base, ServeProcess server) throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        while (true) {
            try {
                if ("UP".equals(get(base + "/api/health").getString("status"))) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.currentTimeMillis() > deadline || !server.process().isAlive()) {
                throw new IllegalStateException("the server did not come up: " + Files.readString(server.log()));
            }
            Thread.sleep(200);
        }
    }

    private static void runSession(String base, int width, int height, int iterations, Path log) throws Exception {
        JsonObject request = new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("params", new JsonObject().put("width", width).put("height", height).put("iterations", iterations));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("the session was refused: " + created.statusCode() + " " + created.body());
        }
        String status = base + "/api/sessions/" + new JsonObject(created.body()).getString("id");
        while (true) {
            JsonObject now = get(status);
            String state = now.getString("state");
            if ("done".equals(state)) {
                return;
            }
            if ("failed".equals(state) || "cancelled".equals(state)) {
                throw new IllegalStateException("the session " + state + ": " + now.getString("message") + "\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private static JsonObject get(String uri) throws IOException, InterruptedException {
        return new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
