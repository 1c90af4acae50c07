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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResumeFiles.class);

    private ResumeFiles() {
    }

    /** Where a saved session whose files cannot be read is moved, for an operator to look at. */
    static final String DAMAGED = "resume.damaged";

    /** A session found on disk at start-up, saved at {@code savedAtMillis}. */
    record Saved(String id, String ownerTokenHash, int iteration, int iterations, JsonObject params, String frameFormat,
                 long savedAtMillis) {
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

    /**
     * Every saved session under {@code output}. Each is read on its own: one whose files are missing
     * or damaged is logged and moved aside to {@code output/<id>/resume.damaged}, and costs no other
     * session its listing.
     */
    static List<Saved> find(Path output) {
        List<Saved> saved = new ArrayList<>();
        if (!Files.isDirectory(output)) {
            return saved;
        }
        try (DirectoryStream<Path> sessions = Files.newDirectoryStream(output)) {
            for (Path session : sessions) {
                Path dir = session.resolve(DIRECTORY);
                if (Files.isDirectory(dir)) {
                    try {
                        saved.add(read(dir, session.getFileName().toString()));
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("the saved session in {} cannot be read ({}); moved aside to {}", dir, e.getMessage(), DAMAGED);
                        moveAside(dir);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list saved sessions in {}: {}", output, e.toString());
        }
        return saved;
    }

    private static Saved read(Path dir, String id) throws IOException {
        for (String file : List.of("state.json", "latest.png", "content.png", "style-0.png")) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new IllegalStateException(file + " is missing");
            }
        }
        JsonObject json = new JsonObject(Files.readString(dir.resolve("state.json")));
        if (!id.equals(json.getString("id")) || json.getString("ownerTokenHash") == null) {
            throw new IllegalStateException("state.json does not describe session " + id);
        }
        Saved saved = new Saved(id, json.getString("ownerTokenHash"), json.getInteger("iteration"),
                json.getInteger("iterations"), json.getJsonObject("params"), json.getString("frameFormat"),
                Files.getLastModifiedTime(dir.resolve("state.json")).toMillis());
        SessionParams.parse(saved.params().copy());
        return saved;
    }

    /** Moves a saved session that cannot be continued out of the way, keeping its files. */
    static void moveAside(Path dir) {
        try {
            Path aside = dir.resolveSibling(DAMAGED);
            deleteRecursively(aside);
            Files.move(dir, aside);
        } catch (IOException e) {
            LOG.warn("cannot move {} aside: {}", dir, e.toString());
        }
    }

    /** Deletes a directory and everything in it, if it exists. */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
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
        return ImageDecoder.decode(Files.readAllBytes(file), "its saved " + file.getFileName(), Long.MAX_VALUE);
    }
}
