package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A closed browser stops nothing, unless the configuration asks to cancel sessions nobody watches. */
@IntegrationTest
class UnwatchedSessionTest {

    @TempDir
    Path dir;

    @Test
    void byDefaultASessionRunsOnAfterItsViewerLeaves() throws Exception {
        try (ServerFixture server = ServerFixture.start(dir, new JsonObject())) {
            String id = server.createEndlessSession().getString("id");
            WsViewer viewer = server.viewer(id, null);
            viewer.next("progress");
            ServerFixture.await(viewer.socket.close());
            await("it runs on, unwatched").during(java.time.Duration.ofMillis(1500)).atMost(java.time.Duration.ofSeconds(3))
                    .until(() -> "running".equals(server.get("/api/sessions/" + id).json().getString("state")));
        }
    }

    @Test
    void withALimitSessionsNobodyWatchesAreCancelled() throws Exception {
        JsonObject config = new JsonObject().put("sessions", new JsonObject().put("cancelWithoutViewersSeconds", 1));
        try (ServerFixture server = ServerFixture.start(dir, config)) {
            String watched = server.createEndlessSession().getString("id");
            WsViewer viewer = server.viewer(watched, null);
            String unwatched = server.createEndlessSession().getString("id");

            JsonObject cancelled = server.awaitState(unwatched, "cancelled");
            assertTrue(cancelled.getString("message").startsWith("cancelled: nobody watched it for 1 s"), cancelled.encode());
            await("watched: still running").during(java.time.Duration.ofMillis(1500)).atMost(java.time.Duration.ofSeconds(3))
                    .until(() -> "running".equals(server.get("/api/sessions/" + watched).json().getString("state")));

            ServerFixture.await(viewer.socket.close());
            server.awaitState(watched, "cancelled");
        }
    }
}
