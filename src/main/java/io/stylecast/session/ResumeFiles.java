package io.stylecast.session;

import io.stylecast.engine.InitialImage;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.optim.OptimizerState;
import io.stylecast.engine.image.ImageDecoder;
import io.stylecast.engine.image.ImageFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A session's checkpoint on disk, in {@code output/<id>/resume/}, from which it continues exactly
 * where it was (after a restart, its owner resumes it): {@code state.json} (the owner token's hash,
 * the next iteration, the parameters with the weights and learning rate in force, the jitter's
 * position, the optimiser's numbers), {@code image.bin} (the image, as floats), one
 * {@code optimizer-NAME.bin} per optimiser array (Adam's moments, L-BFGS's pairs), {@code latest.png}
 * (the image for people), {@code content.png} and {@code style-K.png}. Written every
 * {@code checkpoint.everyIterations} and at pause (by the manager, from what the worker sends) and at a
 * graceful shutdown (by the worker); deleted when the session ends. Blocking file I/O: call off the
 * event loop.
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

    /**
     * Writes a session's checkpoint, replacing the one on disk unless that one is newer (the manager's
     * periodic checkpoints and a worker's save at shutdown may cross). The files go to a directory of
     * their own first, which then takes the old one's place, so a crash leaves the old checkpoint or
     * the new one, never a mix. The pictures are copied from the old checkpoint when it has them.
     *
     * @param latest the image for people ({@code latest.png}), or null to keep the old one
     */
    static synchronized void save(Path dir, SessionSpec spec, StyleTransfer.Checkpoint checkpoint, BufferedImage latest)
            throws IOException {
        Path state = dir.resolve("state.json");
        if (Files.isRegularFile(state) && savedIteration(state) > checkpoint.iteration()) {
            return;
        }
        Path next = dir.resolveSibling(DIRECTORY + ".next");
        deleteRecursively(next);
        Files.createDirectories(next);
        List<String> pictures = new ArrayList<>(List.of("content.png"));
        for (int k = 0; k < spec.styles().size(); k++) {
            pictures.add("style-" + k + ".png");
        }
        for (int k = 0; k < pictures.size(); k++) {
            Path old = dir.resolve(pictures.get(k));
            if (Files.isRegularFile(old)) {
                Files.copy(old, next.resolve(pictures.get(k)));
            } else {
                ImageFiles.write(k == 0 ? spec.content() : spec.styles().get(k - 1), next.resolve(pictures.get(k)));
            }
        }
        if (latest != null) {
            ImageFiles.write(latest, next.resolve("latest.png"));
        } else if (Files.isRegularFile(dir.resolve("latest.png"))) {
            Files.copy(dir.resolve("latest.png"), next.resolve("latest.png"));
        }
        Nd4j.saveBinary(checkpoint.image(), next.resolve("image.bin").toFile());
        for (var array : checkpoint.optimizer().arrays().entrySet()) {
            Nd4j.saveBinary(array.getValue(), next.resolve("optimizer-" + array.getKey() + ".bin").toFile());
        }
        Files.writeString(next.resolve("state.json"), state(spec, checkpoint).encodePrettily());
        deleteRecursively(dir);
        Files.move(next, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int savedIteration(Path state) {
        try {
            return new JsonObject(Files.readString(state)).getInteger("iteration", -1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static JsonObject state(SessionSpec spec, StyleTransfer.Checkpoint checkpoint) {
        LossWeights w = checkpoint.weights();
        JsonObject params = SessionParams.toJson(spec.params()).put("contentWeight", w.content())
                .put("styleWeight", w.style()).put("tvWeight", w.totalVariation()).put("learningRate", checkpoint.learningRate());
        JsonObject optimizer = new JsonObject().put("name", checkpoint.optimizer().optimizer())
                .put("arrays", new JsonArray(new ArrayList<>(checkpoint.optimizer().arrays().keySet())))
                .put("numbers", new JsonObject(new java.util.HashMap<>(checkpoint.optimizer().numbers())));
        return new JsonObject().put("id", spec.id()).put("ownerTokenHash", spec.ownerTokenHash())
                .put("iteration", checkpoint.iteration()).put("iterations", spec.params().totalIterations()).put("params", params)
                .put("frameFormat", spec.frameFormat()).put("jitterDraws", checkpoint.jitterDraws()).put("optimizer", optimizer);
    }

    /** Deletes a finished session's checkpoint; it has nothing left to resume. */
    static synchronized void delete(Path dir) throws IOException {
        deleteRecursively(dir);
        deleteRecursively(dir.resolveSibling(DIRECTORY + ".next"));
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
                Path next = session.resolve(DIRECTORY + ".next");
                if (!Files.exists(dir) && Files.isRegularFile(next.resolve("state.json"))) {
                    Files.move(next, dir, StandardCopyOption.ATOMIC_MOVE);
                }
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
        for (String file : List.of("state.json", "image.bin", "content.png", "style-0.png")) {
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

    /**
     * The spec that continues a saved session from its checkpoint: the same parameters (with the
     * weights and learning rate it had), the next iteration, the optimiser and jitter where they were.
     */
    static SessionSpec continuation(Path dir, Saved saved, String client) throws IOException {
        // the start picture is replaced by the checkpoint's image, so an "image" start needs none
        StyleParams p = SessionParams.parse(saved.params().copy().put("init", InitialImage.CONTENT.id()));
        List<BufferedImage> styles = new ArrayList<>();
        for (int k = 0; Files.exists(dir.resolve("style-" + k + ".png")); k++) {
            styles.add(read(dir.resolve("style-" + k + ".png")));
        }
        JsonObject state = new JsonObject(Files.readString(dir.resolve("state.json")));
        JsonObject optimizer = state.getJsonObject("optimizer");
        java.util.Map<String, INDArray> arrays = new java.util.HashMap<>();
        for (Object name : optimizer.getJsonArray("arrays")) {
            arrays.put((String) name, Nd4j.readBinary(dir.resolve("optimizer-" + name + ".bin").toFile()));
        }
        java.util.Map<String, Double> numbers = new java.util.HashMap<>();
        optimizer.getJsonObject("numbers").forEach(e -> numbers.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
        StyleTransfer.Checkpoint checkpoint = new StyleTransfer.Checkpoint(saved.iteration(),
                Nd4j.readBinary(dir.resolve("image.bin").toFile()),
                new OptimizerState(optimizer.getString("name"), arrays, numbers), state.getLong("jitterDraws"),
                new LossWeights(p.contentWeight(), p.styleWeight(), p.tvWeight()), p.learningRate());
        return new SessionSpec(saved.id(), p, read(dir.resolve("content.png")), styles, null, saved.frameFormat(), client,
                saved.ownerTokenHash(), checkpoint, 0, false);
    }

    /** The spec that continues a running session from the checkpoint the manager wrote (its node was lost). */
    static SessionSpec continuation(Path dir, String id, String client) throws IOException {
        return continuation(dir, read(dir, id), client);
    }

    private static BufferedImage read(Path file) throws IOException {
        return ImageDecoder.decode(Files.readAllBytes(file), "its saved " + file.getFileName(), Long.MAX_VALUE);
    }
}
