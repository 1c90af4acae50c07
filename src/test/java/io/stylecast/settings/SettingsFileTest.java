package io.stylecast.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.model.SessionMemory;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsFileTest {

    @Test
    void environmentVariablesOverrideKeysWithTheirTypes() {
        JsonObject config = SettingsFile.load(Path.of("conf/stylecast.json"), Map.of(
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
        JsonObject config = SettingsFile.load(file, Map.of());
        JsonObject defaults = SettingsFile.load(Path.of("conf/stylecast.json"), Map.of());
        assertEquals(9999, config.getJsonObject("http").getInteger("port"));
        assertEquals(2, config.getJsonObject("workers").getInteger("count"));
        assertEquals(defaults.getJsonObject("http").getString("host"), config.getJsonObject("http").getString("host"));
        assertEquals(defaults.getJsonObject("limits"), config.getJsonObject("limits"), "the rest from the defaults");
        assertEquals(defaults, SettingsFile.load(null, Map.of()), "conf/stylecast.json is the built-in defaults");
    }

    @Test
    void aNonNumberForANumberIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SettingsFile.load(Path.of("conf/stylecast.json"), Map.of("STYLECAST_HTTP_PORT", "eighty")));
        assertEquals("STYLECAST_HTTP_PORT must be a number, got 'eighty'", e.getMessage());
    }

    @Test
    void listsAndSwitchesCanBeGivenInTheEnvironment() {
        JsonObject commas = SettingsFile.load(null, Map.of("STYLECAST_HTTP_ALLOWEDORIGINS", "https://a.example, https://b.example"));
        assertEquals(List.of("https://a.example", "https://b.example"),
                commas.getJsonObject("http").getJsonArray("allowedOrigins").getList());
        JsonObject json = SettingsFile.load(null, Map.of("STYLECAST_HTTP_ALLOWEDORIGINS", "[\"https://c.example\"]"));
        assertEquals(List.of("https://c.example"), json.getJsonObject("http").getJsonArray("allowedOrigins").getList());
        assertEquals(List.of(), SettingsFile.load(null, Map.of("STYLECAST_HTTP_ALLOWEDORIGINS", ""))
                .getJsonObject("http").getJsonArray("allowedOrigins").getList());
        assertEquals("STYLECAST_CLUSTER_ENABLED must be true or false, got 'yes'", assertThrows(IllegalArgumentException.class,
                () -> SettingsFile.load(null, Map.of("STYLECAST_CLUSTER_ENABLED", "yes"))).getMessage());
    }

    @Test
    void settingsThatWouldBeMisreadStopTheStartWithTheirName() {
        JsonObject gif = SettingsFile.load(null, Map.of("STYLECAST_FRAMES_FORMAT", "gif"));
        assertEquals("frames.format must be one of jpeg, png, got 'gif'", assertThrows(IllegalArgumentException.class,
                () -> SettingsFile.bind(gif)).getMessage());
        JsonObject none = SettingsFile.load(null, Map.of("STYLECAST_WORKERS_COUNT", "0"));
        assertEquals("workers.count must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> SettingsFile.bind(none)).getMessage());
        SettingsFile.bind(SettingsFile.load(null, Map.of()));
    }

    @Test
    void unknownKeysAndWrongTypesInAFileStopTheStartNamingTheKey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertEquals("unknown setting 'http.prot'; http has allowedOrigins, bodyTimeoutSeconds, headerTimeoutSeconds, host, "
                + "idleTimeoutSeconds, port, trustedProxies", refusal(dir, "{\"http\": {\"prot\": 80}}"));
        assertTrue(refusal(dir, "{\"workerz\": {}}").startsWith("unknown setting 'workerz'; there are checkpoint, cluster,"));
        assertEquals("http.port must be a whole number, got '80'", refusal(dir, "{\"http\": {\"port\": \"80\"}}"));
        assertEquals("cluster.enabled must be true or false, got 1", refusal(dir, "{\"cluster\": {\"enabled\": 1}}"));
        assertEquals("frames.quality must be more than 0 and at most 1, got 1.5",
                refusal(dir, "{\"frames\": {\"quality\": 1.5}}"));
        assertEquals("http.allowedOrigins must be a list, got 'https://a.example'",
                refusal(dir, "{\"http\": {\"allowedOrigins\": \"https://a.example\"}}"));
        assertEquals("cluster.role (--role) must be web, worker or all, got 'boss'",
                refusal(dir, "{\"cluster\": {\"role\": \"boss\"}}"));
        Settings settings = SettingsFile.bind(SettingsFile.load(null, Map.of()));
        assertEquals(8080, settings.http().port());
        assertEquals(Role.ALL, settings.role());
        assertEquals("image/jpeg", settings.frames().mediaType());
    }

    private static String refusal(Path dir, String json) throws Exception {
        Path file = dir.resolve("mine.json");
        java.nio.file.Files.writeString(file, json);
        return assertThrows(IllegalArgumentException.class, () -> SettingsFile.bind(SettingsFile.load(file, Map.of())))
                .getMessage();
    }

    @Test
    void workersDevicesTakeAllOrGpuNumbersFromTheFileOrTheEnvironment() {
        assertEquals(List.of(), devices(Map.of()), "not set");
        assertEquals(null, devices(Map.of("STYLECAST_WORKERS_DEVICES", "all")), "all of them");
        assertEquals(List.of(0, 1), devices(Map.of("STYLECAST_WORKERS_DEVICES", "0,1")));
        assertEquals(List.of(2), devices(Map.of("STYLECAST_WORKERS_DEVICES", "[2]")));
        JsonObject file = SettingsFile.load(null, Map.of());
        file.getJsonObject("workers").put("devices", "all");
        assertEquals(null, SettingsFile.bind(file).workers().devices().numbers());
        file.getJsonObject("workers").put("devices", new io.vertx.core.json.JsonArray().add(1).add(0));
        assertEquals(List.of(1, 0), SettingsFile.bind(file).workers().devices().numbers());
        for (String wrong : List.of("gpu0", "-1", "0,0", "[1.5]")) {
            JsonObject config = SettingsFile.load(null, Map.of("STYLECAST_WORKERS_DEVICES", wrong));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SettingsFile.bind(config), wrong);
            assertTrue(e.getMessage().startsWith("workers.devices must be \"all\" or a list of GPU numbers such as [0, 1], got "),
                    e.getMessage());
        }
    }

    private static List<Integer> devices(Map<String, String> environment) {
        return SettingsFile.bind(SettingsFile.load(null, environment)).workers().devices().numbers();
    }

    @Test
    void sessionsAreEstimatedByTheirNetworkUnlessTheSettingsSayOtherwise() {
        assertEquals(SessionMemory.DEFAULT, SettingsFile.bind(SettingsFile.load(null, Map.of())).sessionMemory());
        assertEquals(SessionMemory.VGG19, SettingsFile.bind(SettingsFile.load(null, Map.of("STYLECAST_MODEL", "vgg19"))).sessionMemory());
        assertEquals(SessionMemory.VGG19, SettingsFile.bind(SettingsFile.load(null, Map.of("STYLECAST_MODEL", "/data/vgg16.mat")))
                .sessionMemory(), "another MatConvNet network: VGG19's, the largest it can be");
        SessionMemory own = SettingsFile.bind(SettingsFile.load(null, Map.of("STYLECAST_MEMORY_SESSIONFIXEDMB", "100",
                "STYLECAST_MEMORY_SESSIONBYTESPERPIXEL", "1000"))).sessionMemory();
        assertEquals(100L * 1024 * 1024 + 1000 * 640 * 480, own.bytes(640 * 480));
        JsonObject old = SettingsFile.load(null, Map.of());
        old.getJsonObject("memory").put("bytesPerPixel", 6000);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SettingsFile.bind(old)).getMessage()
                .startsWith("memory.bytesPerPixel is no longer read"));
        assertEquals("memory.deviceReserveMb cannot be negative, got -1", assertThrows(IllegalArgumentException.class,
                () -> SettingsFile.bind(SettingsFile.load(null, Map.of("STYLECAST_MEMORY_DEVICERESERVEMB", "-1"))))
                .getMessage());
    }

    @Test
    void aRelativeModelsDirIsUnderTheInstallDirectory() {
        String home = System.getProperty("stylecast.home");
        System.setProperty("stylecast.home", "/opt/stylecast");
        try {
            JsonObject config = SettingsFile.load(null, Map.of("STYLECAST_MODELS_DIR", "weights"));
            assertEquals(Path.of("/opt/stylecast/weights"), SettingsFile.bind(config).models().catalog().directory());
            JsonObject absolute = SettingsFile.load(null, Map.of("STYLECAST_MODELS_DIR", "/data/models"));
            assertEquals(Path.of("/data/models"), SettingsFile.bind(absolute).models().catalog().directory());
        } finally {
            if (home == null) {
                System.clearProperty("stylecast.home");
            } else {
                System.setProperty("stylecast.home", home);
            }
        }
    }
}
