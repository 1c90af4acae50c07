package io.stylecast.session;

import io.stylecast.model.Models;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The server's settings, read once from its JSON configuration (see {@code conf/stylecast.json},
 * which holds every key with its default).
 */
public record ServerSettings(JsonObject config) {

    public Models models() {
        String dir = config.getJsonObject("models", new JsonObject()).getString("dir");
        return dir == null || dir.isBlank() ? Models.fromEnvironment() : new Models(Path.of(dir));
    }

    /** The network every worker loads. */
    public String model() {
        return config.getString("model", Models.DEFAULT);
    }

    public int workers() {
        return section("workers").getInteger("count", 1);
    }

    public long memoryBudgetBytes() {
        return section("memory").getLong("budgetMb", 8000L) * 1024 * 1024;
    }

    /** Estimated native memory of a session per output pixel (measured: about 3.3 KB for the default network, 5.2 KB for VGG19). */
    public long bytesPerPixel() {
        return section("memory").getLong("bytesPerPixel", 6000L);
    }

    public int queueMax() {
        return section("queue").getInteger("max", 20);
    }

    /** {@code image/jpeg} or {@code image/png}. */
    public String frameFormat() {
        return section("frames").getString("format", "jpeg").equals("png") ? FrameEncoder.PNG : FrameEncoder.JPEG;
    }

    public float jpegQuality() {
        return section("frames").getFloat("quality", 0.85f);
    }

    public Path outputDirectory() {
        return Path.of(section("output").getString("dir", "output"));
    }

    /** How long a finished session's status and last frame stay available. */
    public long retainFinishedMillis() {
        return section("sessions").getLong("retainMinutes", 60L) * 60_000;
    }

    /** Cancel a session nobody has watched for this long; 0: never (a closed browser does not stop a session). */
    public long cancelUnwatchedMillis() {
        return section("sessions").getLong("cancelWithoutViewersSeconds", 0L) * 1000;
    }

    public JsonObject section(String name) {
        return config.getJsonObject(name, new JsonObject());
    }
}
