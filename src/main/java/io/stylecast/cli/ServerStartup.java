package io.stylecast.cli;

import io.stylecast.settings.SettingsFile;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's configuration as {@code serve} (and the benchmarks' servers) start it: the built-in
 * defaults, then {@code --config FILE} or else {@code conf/stylecast.json} of the install directory,
 * then the environment; relative directories resolved against the install directory.
 */
public final class ServerStartup {

    private ServerStartup() {
    }

    /** @param file the {@code --config} file, or null */
    public static JsonObject config(Path file) {
        Path home = Path.of(System.getProperty("stylecast.home", "."));
        Path installed = home.resolve("conf/stylecast.json");
        return SettingsFile.resolveAgainst(home, SettingsFile.load(file != null ? file
                : Files.isRegularFile(installed) ? installed : null, System.getenv()));
    }
}
