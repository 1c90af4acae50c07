package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylecast.IntegrationTest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An owner's controls answered with what they did, however they race: with the session's start, and with each other. */
@IntegrationTest
class ControlRaceTest {

    @TempDir
    Path dir;
    private ServerFixture server;

    @BeforeEach
    void start() throws Exception {
        server = ServerFixture.start(dir, new JsonObject());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpRequest delete(JsonObject created, String scheme) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server.port() + "/api/sessions/"
                + created.getString("id"))).header("Authorization", scheme + " " + created.getString("ownerToken")).DELETE().build();
    }

    @Test
    void twentyCancelsAtOnceAreOneCancelAndNineteenConflicts() throws Exception {
        JsonObject created = server.createEndlessSession();
        server.awaitState(created.getString("id"), "running");
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(server.http.sendAsync(delete(created, "Bearer"), HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        int conflicts = 0;
        for (CompletableFuture<HttpResponse<String>> reply : all) {
            HttpResponse<String> response = reply.get();
            if (response.statusCode() == 200) {
                assertEquals("cancelled", new JsonObject(response.body()).getString("state"), response.body());
                ok++;
            } else {
                assertEquals(409, response.statusCode(), response.body());
                assertEquals("the session is cancelled", new JsonObject(response.body()).getString("error"));
                conflicts++;
            }
        }
        assertEquals(List.of(1, 19), List.of(ok, conflicts));
    }

    @Test
    void aCancelRightAfterTheCreateSaysCancelledTwentyTimesOutOfTwenty() throws Exception {
        for (int i = 0; i < 20; i++) {
            JsonObject created = server.createSession(new JsonObject().put("width", 32).put("iterations", 20000));
            HttpResponse<String> response = server.http.send(delete(created, i % 2 == 0 ? "bearer" : "BEARER"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("cancelled", new JsonObject(response.body()).getString("state"), "attempt " + i + ": " + response.body());
            assertEquals("cancelled", server.get("/api/sessions/" + created.getString("id")).json().getString("state"));
        }
        assertEquals(401, server.request(HttpMethod.DELETE, "/api/sessions/x", null, null, "Basic abc").status());
    }
}
