package io.stylecast.session;

import io.stylecast.engine.InitialImage;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.image.ImageDecoder;
import io.stylecast.engine.image.ImageFiles;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a graceful shutdown leaves of an unfinished session in {@code output/<id>/resume/}, so that
 * its owner can continue it after a restart: {@code state.json} (the owner token's hash, the
 * iteration reached, the parameters), {@code latest.png} (the image so far, lossless),
 * {@code content.png} and {@code style-K.png}. Blocking file I/O: call off the event loop.
 */
final class ResumeFiles {

    static final String DIRECTORY = "resume";

    private ResumeFiles() {
    }

    /** A session found on disk at start-up. */
    record Saved(String id, String ownerTokenHash, int iteration, int iterations, JsonObject params, String frameFormat) {
    }

    static Path directory(Path output, String id) {
        return output.resolve(id).resolve(DIRECTORY);
    }

    /** The worker's part: the pictures and the image so far. */
    static void savePictures(Path dir, SessionSpec spec, BufferedImage latest) throws IOException {
        Files.createDirectories(dir);
        ImageFiles.write(spec.content(), dir.resolve("content.png"));
        for (int k = 0; k < spec.styles().size(); k++) {
            ImageFiles.write(spec.styles().get(k), dir.resolve("style-" + k + ".png"));
        }
        if (latest != null) {
            ImageFiles.write(latest, dir.resolve("latest.png"));
        }
    }

    /** The manager's part: who owns it, how far it got, with which parameters. */
    static void saveState(Path dir, Session session) throws IOException {
        Files.createDirectories(dir);
        JsonObject state = new JsonObject().put("id", session.id).put("ownerTokenHash", session.ownerTokenHash)
                .put("iteration", session.iteration).put("iterations", session.iterations)
                .put("params", SessionParams.toJson(session.params)).put("frameFormat", session.frameFormat);
        Files.writeString(dir.resolve("state.json"), state.encodePrettily());
    }

    /** Every saved session under {@code output}; unreadable ones are skipped. */
    static List<Saved> find(Path output) {
        List<Saved> saved = new ArrayList<>();
        if (!Files.isDirectory(output)) {
            return saved;
        }
        try (DirectoryStream<Path> sessions = Files.newDirectoryStream(output)) {
            for (Path session : sessions) {
                Path state = session.resolve(DIRECTORY).resolve("state.json");
                if (Files.isRegularFile(state) && Files.isRegularFile(session.resolve(DIRECTORY).resolve("latest.png"))) {
                    JsonObject json = new JsonObject(Files.readString(state));
                    saved.add(new Saved(json.getString("id"), json.getString("ownerTokenHash"), json.getInteger("iteration"),
                            json.getInteger("iterations"), json.getJsonObject("params"), json.getString("frameFormat")));
                }
            }
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ResumeFiles.class).warn("cannot list saved sessions in {}: {}", output, e.toString());
        }
        return saved;
    }

    /** The spec that continues a saved session from its latest image for the iterations it had left. */
    static SessionSpec continuation(Path dir, Saved saved, String client) throws IOException {
        StyleParams p = SessionParams.parse(saved.params().copy()
                .put("iterations", Math.max(0, saved.iterations() - saved.iteration())).put("init", "image"));
        List<BufferedImage> styles = new ArrayList<>();
        for (int k = 0; Files.exists(dir.resolve("style-" + k + ".png")); k++) {
            styles.add(read(dir.resolve("style-" + k + ".png")));
        }
        if (p.init() != InitialImage.IMAGE) {
            throw new IllegalStateException("a continuation starts from its image");
        }
        return new SessionSpec(saved.id(), p, read(dir.resolve("content.png")), styles, read(dir.resolve("latest.png")),
                saved.frameFormat(), client);
    }

    private static BufferedImage read(Path file) throws IOException {
        return ImageDecoder.decode(Files.readAllBytes(file), file.toString(), Long.MAX_VALUE);
    }
}
