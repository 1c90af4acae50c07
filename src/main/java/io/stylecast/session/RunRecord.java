package io.stylecast.session;

import io.stylecast.engine.InputException;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.net.FeatureNetwork;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run was, to make it again: {@value #FILE} in its output folder, with every parameter (the network's
 * defaults filled in, the seed among them), the network, the pictures and the stylecast version. The same
 * record on the same machine gives the same image, byte for byte: {@code bin/stylecast render --params FILE}.
 */
public final class RunRecord {

    public static final String FILE = "params.json";

    private RunRecord() {
    }

    /** The record: the pictures as paths, relative ones against the record's folder; {@code init} may be null. */
    public static JsonObject of(String model, FeatureNetwork network, StyleParams resolved, String content,
                                List<String> styles, String init) {
        JsonObject record = new JsonObject().put("stylecast", version())
                .put("model", model).put("network", new JsonObject().put("name", network.name())
                        .put("description", network.description()))
                .put("content", content).put("styles", new JsonArray(new ArrayList<>(styles)))
                .put("params", SessionParams.toJson(resolved));
        if (init != null) {
            record.put("init", init);
        }
        return record;
    }

    /**
     * A server session's record: its pictures are beside it in its folder, as the manager wrote them when the session
     * was created ({@code content.png}, {@code style-1.png}, ..., {@code init.png}), so that {@code render --params}
     * can make it again.
     */
    public static JsonObject forSession(String model, FeatureNetwork network, SessionSpec spec) {
        List<String> styles = new ArrayList<>();
        for (int k = 0; k < spec.styles().size(); k++) {
            styles.add("style-" + (k + 1) + ".png");
        }
        StyleParams resolved = spec.params().resolve(network.defaults(), spec.content().getWidth(), spec.content().getHeight());
        JsonObject record = of(publicName(model), network, resolved, "content.png", styles, spec.init() != null ? "init.png" : null);
        JsonObject described = record.getJsonObject("network");
        described.put("description", EngineFailure.withoutPaths(described.getString("description")));
        return record;
    }

    /**
     * A network as a record that leaves the server names it: a built-in one by its name, a file of the server's by
     * its file name alone (never where it sits on the server), which {@code render --params} looks for in the
     * models directory.
     */
    public static String publicName(String model) {
        return model.endsWith(".mat") ? Path.of(model).getFileName().toString() : model;
    }

    public static void write(Path directory, JsonObject record) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(FILE), record.encodePrettily() + "\n");
    }

    /** A record read back, its picture paths resolved against its folder. */
    public record Loaded(String model, StyleParams params, Path content, List<Path> styles, Path init) {
    }

    /** @throws InputException naming the file and what is wrong with it */
    public static Loaded read(Path file) {
        JsonObject record;
        try {
            record = new JsonObject(Files.readString(file));
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage());
        } catch (DecodeException e) {
            throw new InputException(file + " is not JSON: " + e.getMessage());
        }
        Path folder = file.toAbsolutePath().getParent();
        try {
            List<Path> styles = new ArrayList<>();
            for (Object style : record.getJsonArray("styles", new JsonArray())) {
                styles.add(folder.resolve((String) style));
            }
            if (record.getString("content") == null || styles.isEmpty() || record.getString("model") == null
                    || record.getJsonObject("params") == null) {
                throw new InputException("it needs content, styles, model and params");
            }
            StyleParams params = SessionParams.parse(record.getJsonObject("params"));
            String init = record.getString("init");
            return new Loaded(record.getString("model"), params, folder.resolve(record.getString("content")), styles,
                    init == null ? null : folder.resolve(init));
        } catch (ClassCastException e) {
            throw new InputException(file + ": a field has the wrong type: " + e.getMessage());
        } catch (InputException e) {
            throw new InputException(file + ": " + e.getMessage());
        }
    }

    /** This build's version, from the jar's manifest. */
    public static String version() {
        String version = RunRecord.class.getPackage().getImplementationVersion();
        return version != null ? version : "unpackaged build";
    }
}
