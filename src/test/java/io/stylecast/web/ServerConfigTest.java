package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void environmentVariablesOverrideKeysWithTheirTypes() {
        JsonObject config = ServerConfig.load(Path.of("conf/stylecast.json"), Map.of(
                "STYLECAST_HTTP_PORT", "9090", "STYLECAST_WORKERS_COUNT", "3", "STYLECAST_MODEL", "vgg19",
                "STYLECAST_FRAMES_QUALITY", "0.5", "STYLECAST_UNRELATED", "x"));
        assertEquals(9090, config.getJsonObject("http").getInteger("port"));
        assertEquals(3, config.getJsonObject("workers").getInteger("count"));
        assertEquals("vgg19", config.getString("model"));
        assertEquals(0.5, config.getJsonObject("frames").getDouble("quality"));
        assertEquals("0.0.0.0", config.getJsonObject("http").getString("host"), "untouched keys keep the file's value");
    }

    @Test
    void aFileNeedsOnlyTheKeysItChanges(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        java.nio.file.Files.writeString(file, "{\"http\": {\"port\": 9999}, \"workers\": {\"count\": 2}}");
        JsonObject config = ServerConfig.load(file, Map.of());
        JsonObject defaults = ServerConfig.load(Path.of("conf/stylecast.json"), Map.of());
        assertEquals(9999, config.getJsonObject("http").getInteger("port"));
        assertEquals(2, config.getJsonObject("workers").getInteger("count"));
        assertEquals(defaults.getJsonObject("http").getString("host"), config.getJsonObject("http").getString("host"));
        assertEquals(defaults.getJsonObject("limits"), config.getJsonObject("limits"), "the rest from the defaults");
        assertEquals(defaults, ServerConfig.load(null, Map.of()), "conf/stylecast.json is the built-in defaults");
    }

    @Test
    void aNonNumberForANumberIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.load(Path.of("conf/stylecast.json"), Map.of("STYLECAST_HTTP_PORT", "eighty")));
        assertEquals("STYLECAST_HTTP_PORT must be a number, got 'eighty'", e.getMessage());
    }
}
