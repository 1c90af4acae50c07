package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.model.SessionMemory;
import io.stylecast.session.ServerSettings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void listsAndSwitchesCanBeGivenInTheEnvironment() {
        JsonObject commas = ServerConfig.load(null, Map.of("STYLECAST_HTTP_ALLOWEDORIGINS", "https://a.example, https://b.example"));
        assertEquals(List.of("https://a.example", "https://b.example"),
                commas.getJsonObject("http").getJsonArray("allowedOrigins").getList());
        JsonObject json = ServerConfig.load(null, Map.of("STYLECAST_HTTP_ALLOWEDORIGINS", "[\"https://c.example\"]"));
        assertEquals(List.of("https://c.example"), json.getJsonObject("http").getJsonArray("allowedOrigins").getList());
        assertEquals(List.of(), ServerConfig.load(null, Map.of("STYLECAST_HTTP_ALLOWEDORIGINS", ""))
                .getJsonObject("http").getJsonArray("allowedOrigins").getList());
        assertEquals("STYLECAST_CLUSTER_ENABLED must be true or false, got 'yes'", assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.load(null, Map.of("STYLECAST_CLUSTER_ENABLED", "yes"))).getMessage());
    }

    @Test
    void settingsThatWouldBeMisreadStopTheStartWithTheirName() {
        JsonObject gif = ServerConfig.load(null, Map.of("STYLECAST_FRAMES_FORMAT", "gif"));
        assertEquals("frames.format must be jpeg or png, got 'gif'", assertThrows(IllegalArgumentException.class,
                () -> new ServerSettings(gif).check()).getMessage());
        JsonObject none = ServerConfig.load(null, Map.of("STYLECAST_WORKERS_COUNT", "0"));
        assertEquals("workers.count must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new ServerSettings(none).check()).getMessage());
        new ServerSettings(ServerConfig.load(null, Map.of())).check();
    }

    @Test
    void workersDevicesTakeAllOrGpuNumbersFromTheFileOrTheEnvironment() {
        assertEquals(List.of(), devices(Map.of()), "not set");
        assertEquals(null, devices(Map.of("STYLECAST_WORKERS_DEVICES", "all")), "all of them");
        assertEquals(List.of(0, 1), devices(Map.of("STYLECAST_WORKERS_DEVICES", "0,1")));
        assertEquals(List.of(2), devices(Map.of("STYLECAST_WORKERS_DEVICES", "[2]")));
        JsonObject file = ServerConfig.load(null, Map.of());
        file.getJsonObject("workers").put("devices", "all");
        assertEquals(null, new ServerSettings(file).devices());
        file.getJsonObject("workers").put("devices", new io.vertx.core.json.JsonArray().add(1).add(0));
        assertEquals(List.of(1, 0), new ServerSettings(file).devices());
        for (String wrong : List.of("gpu0", "-1", "0,0", "[1.5]")) {
            JsonObject config = ServerConfig.load(null, Map.of("STYLECAST_WORKERS_DEVICES", wrong));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ServerSettings(config).check(), wrong);
            assertTrue(e.getMessage().startsWith("workers.devices must be \"all\" or a list of GPU numbers such as [0, 1], got "),
                    e.getMessage());
        }
    }

    private static List<Integer> devices(Map<String, String> environment) {
        return new ServerSettings(ServerConfig.load(null, environment)).check().devices();
    }

    @Test
    void sessionsAreEstimatedByTheirNetworkUnlessTheSettingsSayOtherwise() {
        assertEquals(SessionMemory.DEFAULT, new ServerSettings(ServerConfig.load(null, Map.of())).sessionMemory());
        assertEquals(SessionMemory.VGG19, new ServerSettings(ServerConfig.load(null, Map.of("STYLECAST_MODEL", "vgg19"))).sessionMemory());
        assertEquals(SessionMemory.VGG19, new ServerSettings(ServerConfig.load(null, Map.of("STYLECAST_MODEL", "/data/vgg16.mat")))
                .sessionMemory(), "another MatConvNet network: VGG19's, the largest it can be");
        SessionMemory own = new ServerSettings(ServerConfig.load(null, Map.of("STYLECAST_MEMORY_SESSIONFIXEDMB", "100",
                "STYLECAST_MEMORY_SESSIONBYTESPERPIXEL", "1000"))).sessionMemory();
        assertEquals(100L * 1024 * 1024 + 1000 * 640 * 480, own.bytes(640 * 480));
        JsonObject old = ServerConfig.load(null, Map.of());
        old.getJsonObject("memory").put("bytesPerPixel", 6000);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ServerSettings(old).check()).getMessage()
                .startsWith("memory.bytesPerPixel is no longer read"));
        assertEquals("memory.deviceReserveMb cannot be negative, got -1", assertThrows(IllegalArgumentException.class,
                () -> new ServerSettings(ServerConfig.load(null, Map.of("STYLECAST_MEMORY_DEVICERESERVEMB", "-1"))).check())
                .getMessage());
    }

    @Test
    void aRelativeModelsDirIsUnderTheInstallDirectory() {
        String home = System.getProperty("stylecast.home");
        System.setProperty("stylecast.home", "/opt/stylecast");
        try {
            JsonObject config = ServerConfig.load(null, Map.of("STYLECAST_MODELS_DIR", "weights"));
            assertEquals(Path.of("/opt/stylecast/weights"), new ServerSettings(config).models().directory());
            JsonObject absolute = ServerConfig.load(null, Map.of("STYLECAST_MODELS_DIR", "/data/models"));
            assertEquals(Path.of("/data/models"), new ServerSettings(absolute).models().directory());
        } finally {
            if (home == null) {
                System.clearProperty("stylecast.home");
            } else {
                System.setProperty("stylecast.home", home);
            }
        }
    }
}
