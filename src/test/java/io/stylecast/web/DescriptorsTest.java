package io.stylecast.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server under {@code ulimit -n 400} and 500 idle connections from nine addresses (60 each, under the per-client
 * cap): the connections past what its file descriptors allow are refused, and a session that runs meanwhile writes
 * every one of its snapshots, its final picture and its time-lapse, and finishes.
 */
@IntegrationTest
class DescriptorsTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aFullDescriptorTableCostsNoSession(@TempDir Path dir) throws Exception {
        List<Socket> idle = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir, new JsonObject().put("limits", new JsonObject()
                .put("requestsPerMinutePerClient", 100_000)), List.of(), List.of(), 400)) {
            for (int client = 1; client <= 9 && idle.size() < 500; client++) {
                for (int i = 0; i < 60 && idle.size() < 500; i++) {
                    Socket socket = new Socket();
                    socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0." + client), 0));
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                    idle.add(socket);
                }
            }
            int refused = 0;
            for (Socket socket : idle) {
                socket.setSoTimeout(50);
                try {
                    if (socket.getInputStream().read() == -1) {
                        refused++;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // held open by the server
                } catch (IOException reset) {
                    refused++;
                }
            }
            assertTrue(refused > 100 && refused < 500, refused + " of 500 connections refused");
            assertTrue(Files.readString(server.log).contains("refusing connections"), "the refusals are logged");

            JsonObject created = new JsonObject(server.http.send(HttpRequest.newBuilder(URI.create(server.base + "/api/sessions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"contentSample\":\"chelsea\",\"styleSample\":\"ihc\",\"params\":{\"width\":32,\"iterations\":200,\"saveEvery\":10}}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            String id = created.getString("id");
            await().atMost(Duration.ofSeconds(120)).until(() -> server.getJson("/api/sessions/" + id).getString("state")
                    .matches("done|failed"));
            JsonObject status = server.getJson("/api/sessions/" + id);
            assertEquals("done", status.getString("state"), status.encode());
            Path folder = dir.resolve("output").resolve(id);
            for (int iteration = 0; iteration <= 200; iteration += 10) {
                assertTrue(Files.isRegularFile(folder.resolve(String.format("%04d.jpg", iteration))), "snapshot " + iteration);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.isRegularFile(folder.resolve("timelapse.gif")));
            assertTrue(Files.isRegularFile(folder.resolve("final.png")));
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }
}
