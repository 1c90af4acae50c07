package io.stylecast.web;

import io.stylecast.cli.ServeProcess;
import io.stylecast.model.MatConvNetVggTest;
import io.stylecast.model.VggMatFile;
import io.stylecast.settings.SettingsFile;
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
import java.util.Map;

/**
 * The server in a JVM of its own ({@link ServeProcess}: as {@code bin/stylecast serve} starts it) on the tiny test
 * network, and stopped by its process id when closed, whatever the test did.
 */
final class ServerProcess implements AutoCloseable {

    final Process process;
    final String base;
    final Path log;
    final HttpClient http = HttpClient.newHttpClient();
    private final ServeProcess server;

    private ServerProcess(ServeProcess server, int port) {
        this.server = server;
        this.process = server.process();
        this.base = "http://127.0.0.1:" + port;
        this.log = server.log();
    }

    /** Starts the server and waits until it answers {@code /api/health}. */
    static ServerProcess start(Path dir, JsonObject overrides, List<String> moreJvmOptions) throws Exception {
        return start(dir, overrides, moreJvmOptions, List.of());
    }

    /** As {@link #start(Path, JsonObject, List)}, with more arguments to {@code serve}. */
    static ServerProcess start(Path dir, JsonObject overrides, List<String> moreJvmOptions, List<String> serveArgs)
            throws Exception {
        return start(dir, overrides, moreJvmOptions, serveArgs, 0);
    }

    /** As {@link #start(Path, JsonObject, List, List)}, with at most {@code maxOpenFiles} file descriptors (0: no limit of its own). */
    static ServerProcess start(Path dir, JsonObject overrides, List<String> moreJvmOptions, List<String> serveArgs,
                               int maxOpenFiles) throws Exception {
        Files.createDirectories(dir);
        Path model = dir.resolve("tiny-vgg.mat");
        new VggMatFile(MatConvNetVggTest.smallChannels()).write(model);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JsonObject config = SettingsFile.load(Path.of("conf/stylecast.json"), Map.of());
        config.getJsonObject("http").put("port", port).put("host", "127.0.0.1");
        config.put("model", model.toString());
        config.getJsonObject("output").put("dir", dir.resolve("output").toString());
        config.mergeIn(overrides, true);
        port = config.getJsonObject("http").getInteger("port");   // the caller's, if it chose one
        ServerProcess server = new ServerProcess(ServeProcess.start(dir, config, moreJvmOptions, serveArgs, maxOpenFiles), port);
        try {
            server.awaitHealthy();
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Runs {@code serve} with these arguments where it is expected to stop by itself (a start it refuses): returns its
     * exit code and what it printed.
     */
    static java.util.Map.Entry<Integer, String> refusedStart(Path dir, JsonObject overrides, List<String> serveArgs)
            throws Exception {
        Files.createDirectories(dir);
        JsonObject config = SettingsFile.load(Path.of("conf/stylecast.json"), Map.of());
        config.getJsonObject("http").put("port", 0).put("host", "127.0.0.1");
        config.getJsonObject("output").put("dir", dir.resolve("output").toString());
        config.mergeIn(overrides, true);
        try (ServeProcess server = ServeProcess.start(dir, config, List.of(), serveArgs)) {
            if (!server.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the server started, where it should have refused: " + Files.readString(server.log()));
            }
            return Map.entry(server.process().exitValue(), Files.readString(server.log()));
        }
    }

    /** {@code GET path} as JSON. */
    JsonObject getJson(String path) throws IOException, InterruptedException {
        return new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** {@code GET path} as a JSON array. */
    io.vertx.core.json.JsonArray getArray(String path) throws IOException, InterruptedException {
        return new io.vertx.core.json.JsonArray(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Sends the process a signal ({@code STOP}, {@code CONT}, ...) with kill(1). */
    void signal(String signal) throws IOException, InterruptedException {
        int status = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
        if (status != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " exited with " + status);
        }
    }

    int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    private void awaitHealthy() throws Exception {
        try {
            org.awaitility.Awaitility.await("the server's health").atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the server exited");
                        }
                        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            throw new AssertionError("the server did not start: " + Files.readString(log), e);
        }
    }

    /**
     * Creates a 32-pixel session on the samples and waits until it has reached {@code iteration}.
     *
     * @return the reply to the creation: {@code id}, {@code ownerToken}, ...
     */
    JsonObject runSession(int iteration) throws IOException, InterruptedException {
        JsonObject created = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"contentSample\":\"chelsea\",\"styleSample\":\"ihc\",\"params\":{\"width\":32,\"iterations\":20000}}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        URI status = URI.create(base + "/api/sessions/" + created.getString("id"));
        org.awaitility.Awaitility.await("the session reaches iteration " + iteration).atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> new JsonObject(http.send(HttpRequest.newBuilder(status).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).getInteger("iteration") >= iteration);
        return created;
    }

    /** Stops the server with SIGTERM; returns whether it stopped within a minute. */
    boolean terminate() throws InterruptedException {
        return server.terminate();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
