package io.stylecast.cli;

import io.stylecast.web.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's configuration as {@code serve} and {@code bench-server} start it: the built-in
 * defaults, then {@code --config FILE} or else {@code conf/stylecast.json} of the install directory,
 * then the environment; relative directories resolved against the install directory.
 */
final class ServerStartup {

    private ServerStartup() {
    }

    /** @param file the {@code --config} file, or null */
    static JsonObject config(Path file) {
        Path home = Path.of(System.getProperty("stylecast.home", "."));
        Path installed = home.resolve("conf/stylecast.json");
        JsonObject settings = ServerConfig.load(file != null ? file : Files.isRegularFile(installed) ? installed : null,
                System.getenv());
        resolveAgainst(home, settings, "web", "root");
        resolveAgainst(home, settings, "output", "dir");
        resolveAgainst(home, settings, "cluster", "secretFile");
        return settings;
    }

    /** Relative directories in the configuration are relative to the install directory. */
    private static void resolveAgainst(Path home, JsonObject settings, String section, String key) {
        JsonObject s = settings.getJsonObject(section);
        if (s != null && s.getString(key) != null && !s.getString(key).isBlank() && !Path.of(s.getString(key)).isAbsolute()) {
            s.put(key, home.resolve(s.getString(key)).toAbsolutePath().normalize().toString());
        }
    }
}
