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
    void aNonNumberForANumberIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.load(Path.of("conf/stylecast.json"), Map.of("STYLECAST_HTTP_PORT", "eighty")));
        assertEquals("STYLECAST_HTTP_PORT must be a number, got 'eighty'", e.getMessage());
    }
}
