package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code workers.devices} on the CPU build: said to mean nothing, and the CPU workers run as configured. */
@IntegrationTest
class WorkersDevicesTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void gpusAskedOfTheCpuBuildAreNamedAtStartAndTheCpuWorkersRun() throws Exception {
        JsonObject overrides = new JsonObject().put("workers", new JsonObject().put("count", 3).put("devices", new JsonArray().add(0).add(1)));
        try (ServerProcess server = ServerProcess.start(dir, overrides, List.of())) {
            server.runSession(3);
            JsonObject health = server.getJson("/api/health");
            assertEquals("cpu", health.getJsonObject("backend").getString("kind"));
            assertEquals(3, health.getJsonArray("nodes").getJsonObject(0).getInteger("workers"), health.encode());
            String log = Files.readString(server.log);
            assertTrue(log.contains("workers.devices ([0, 1]) means nothing on the CPU build: running workers.count = 3 workers on the CPU"),
                    log);
        }
    }
}
