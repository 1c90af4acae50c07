package io.stylecast.session;

import io.stylecast.engine.InitialImage;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.image.ImageFiles;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.optim.OptimizerState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A session's checkpoint on disk, in {@code output/<id>/resume/}, from which it continues exactly where it was
 * (after a restart, its owner resumes it; after its node is lost, on another node): {@code state.json} (the next
 * iteration, the parameters with the weights and learning rate in force, the jitter's position, the optimiser's
 * numbers), {@code image.bin} (the image, as floats), one {@code optimizer-NAME.bin} per optimiser array (Adam's
 * moments, L-BFGS's pairs) and {@code latest.png} (the image for people). The session's pictures are beside it,
 * written once ({@link SessionDirectory}). Written every {@code checkpoint.everyIterations} and at pause (by the
 * manager, from what the worker sends) and at a graceful shutdown (by the worker); deleted when the session ends.
 * Blocking file I/O: call off the event loop.
 */
public final class ResumeFiles {

    public static final String DIRECTORY = "resume";
    /** Where a checkpoint that cannot be read is moved, for an operator to look at. */
    static final String DAMAGED = "resume.damaged";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResumeFiles.class);

    private ResumeFiles() {
    }

    /**
     * A session found unfinished on disk at start-up: saved by a shutdown, or left by a crash.
     *
     * @param iteration where it continues: its checkpoint's, or 0 without one
     * @param attempt its latest placement, which a worker node that still runs it names
     * @param savedAtMillis when its checkpoint (or, without one, its record) was written
     */
    public record Saved(String id, String ownerTokenHash, int iteration, int iterations, boolean listed, String caption,
                 int attempt, long estimateBytes, long savedAtMillis) {
    }

    /**
     * Writes a session's checkpoint, replacing the one on disk unless that one is newer (the manager's
     * periodic checkpoints and a worker's save at shutdown may cross). The files go to a directory of
     * their own first, which then takes the old one's place, so a crash leaves the old checkpoint or
     * the new one, never a mix.
     *
     * @param params the session's parameters; the checkpoint's weights and learning rate are written in place of theirs
     * @param latest the image for people ({@code latest.png}), or null to keep the old one
     */
    public static synchronized void save(Path dir, String id, StyleParams params, StyleTransfer.Checkpoint checkpoint,
                                  BufferedImage latest) throws IOException {
        Path state = dir.resolve("state.json");
        if (Files.isRegularFile(state) && savedIteration(state) > checkpoint.iteration()) {
            return;
        }
        Path next = dir.resolveSibling(DIRECTORY + ".next");
        deleteRecursively(next);
        Files.createDirectories(next);
        if (latest != null) {
            ImageFiles.write(latest, next.resolve("latest.png"));
        } else if (Files.isRegularFile(dir.resolve("latest.png"))) {
            Files.copy(dir.resolve("latest.png"), next.resolve("latest.png"));
        }
        Nd4j.saveBinary(checkpoint.image(), next.resolve("image.bin").toFile());
        for (var array : checkpoint.optimizer().arrays().entrySet()) {
            Nd4j.saveBinary(array.getValue(), next.resolve("optimizer-" + array.getKey() + ".bin").toFile());
        }
        Files.writeString(next.resolve("state.json"), state(id, params, checkpoint).encodePrettily());
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

    private static JsonObject state(String id, StyleParams original, StyleTransfer.Checkpoint checkpoint) {
        LossWeights w = checkpoint.weights();
        JsonObject params = SessionParams.toJson(original).put("contentWeight", w.content())
                .put("styleWeight", w.style()).put("tvWeight", w.totalVariation()).put("learningRate", checkpoint.learningRate());
        JsonObject optimizer = new JsonObject().put("name", checkpoint.optimizer().optimizer())
                .put("arrays", new JsonArray(new ArrayList<>(checkpoint.optimizer().arrays().keySet())))
                .put("numbers", new JsonObject(new HashMap<>(checkpoint.optimizer().numbers())));
        return new JsonObject().put("id", id).put("iteration", checkpoint.iteration()).put("params", params)
                .put("jitterDraws", checkpoint.jitterDraws()).put("optimizer", optimizer);
    }

    /** Deletes a session's checkpoint: it ended, and has nothing left to resume. */
    public static synchronized void delete(Path dir) throws IOException {
        deleteRecursively(dir);
        deleteRecursively(dir.resolveSibling(DIRECTORY + ".next"));
    }

    /**
     * Every unfinished session under {@code output}. Each is read on its own: one whose record cannot be read is
     * logged and left out, and costs no other session its listing; a checkpoint that cannot be read is moved aside
     * to {@code output/<id>/resume.damaged}, and its session continues from its start.
     */
    public static List<Saved> find(Path output) {
        List<Saved> saved = new ArrayList<>();
        if (!Files.isDirectory(output)) {
            return saved;
        }
        try (DirectoryStream<Path> sessions = Files.newDirectoryStream(output, dir -> !dir.getFileName().toString().startsWith("."))) {
            for (Path session : sessions) {
                try {
                    Saved found = read(session);
                    if (found != null) {
                        saved.add(found);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("the session in {} cannot be read ({}); it is left out", session, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list saved sessions in {}: {}", output, e.toString());
        }
        return saved;
    }

    /** The unfinished session in {@code dir}, or null for a finished one or a folder that holds none. */
    private static Saved read(Path dir) throws IOException {
        Path resume = dir.resolve(DIRECTORY);
        Path next = dir.resolve(DIRECTORY + ".next");
        if (!Files.exists(resume) && Files.isRegularFile(next.resolve("state.json"))) {
            Files.move(next, resume, StandardCopyOption.ATOMIC_MOVE);
        }
        if (!Files.isRegularFile(dir.resolve(SessionDirectory.RECORD))) {
            if (!Files.isRegularFile(resume.resolve("state.json"))) {
                return null;
            }
            fromEarlierLayout(dir);
        }
        JsonObject record = SessionDirectory.readRecord(dir);
        String id = dir.getFileName().toString();
        if (!id.equals(record.getString("id")) || record.getString("ownerTokenHash") == null) {
            throw new IllegalStateException(SessionDirectory.RECORD + " does not describe session " + id);
        }
        if (record.getString("state") != null) {
            return null;
        }
        SessionParams.parse(record.getJsonObject("params").copy());
        int iteration = 0;
        Path state = resume.resolve("state.json");
        Path stamped = dir.resolve(SessionDirectory.RECORD);
        if (Files.exists(resume)) {
            try {
                iteration = checkpointState(resume).getInteger("iteration");
                stamped = state;
            } catch (IOException | RuntimeException e) {
                LOG.warn("the checkpoint in {} cannot be read ({}); moved aside to {}, the session continues from its start",
                        resume, e.getMessage(), DAMAGED);
                moveAside(resume);
            }
        }
        return new Saved(id, record.getString("ownerTokenHash"), iteration, record.getInteger("iterations"),
                record.getBoolean("listed", false), record.getString("caption"), record.getInteger("attempt", 0), record.getLong("estimateBytes", 0L),
                Files.getLastModifiedTime(stamped).toMillis());
    }

    /**
     * A session saved by a version before {@value SessionDirectory#RECORD}, which kept its pictures and its owner in its
     * checkpoint ({@code resume/content.png}, {@code resume/style-0.png}, ..., the owner token's hash in
     * {@code state.json}): its folder is brought to today's layout, so that an upgrade loses no saved session.
     */
    private static void fromEarlierLayout(Path dir) throws IOException {
        Path resume = dir.resolve(DIRECTORY);
        JsonObject state = new JsonObject(Files.readString(resume.resolve("state.json")));
        int styles = 0;
        while (Files.isRegularFile(resume.resolve("style-" + styles + ".png"))) {
            Files.move(resume.resolve("style-" + styles + ".png"), dir.resolve("style-" + (styles + 1) + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
            styles++;
        }
        if (Files.isRegularFile(resume.resolve("content.png"))) {
            Files.move(resume.resolve("content.png"), dir.resolve("content.png"), StandardCopyOption.REPLACE_EXISTING);
        }
        JsonObject record = new JsonObject().put("id", state.getString("id")).put("ownerTokenHash", state.getString("ownerTokenHash"))
                .put("params", state.getJsonObject("params")).put("styles", styles).put("init", false)
                .put("frameFormat", state.getString("frameFormat")).put("listed", false).put("estimateBytes", 0L)
                .put("iterations", state.getInteger("iterations")).put("attempt", 0);
        Files.writeString(dir.resolve(SessionDirectory.RECORD), record.encodePrettily());
        LOG.info("the session saved in {} is brought to this version's layout", dir);
    }

    /** A checkpoint's state.json, checked to have what a continuation reads. */
    private static JsonObject checkpointState(Path resume) throws IOException {
        for (String file : List.of("state.json", "image.bin")) {
            if (!Files.isRegularFile(resume.resolve(file))) {
                throw new IllegalStateException(file + " is missing");
            }
        }
        JsonObject state = new JsonObject(Files.readString(resume.resolve("state.json")));
        SessionParams.parse(state.getJsonObject("params").copy());
        state.getInteger("iteration");
        return state;
    }

    /** Moves a checkpoint that cannot be continued out of the way, keeping its files. */
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
     * The spec that continues a session from its folder: from its checkpoint, with the parameters (the weights and
     * learning rate it had), the next iteration, the optimiser and jitter where they were; without one, from its
     * start, as it was created.
     *
     * @param dir the session's folder, {@code output/<id>/}
     * @param client who continues it, for per-client limits
     */
    public static SessionSpec continuation(Path dir, String client) throws IOException {
        JsonObject record = SessionDirectory.readRecord(dir);
        SessionDirectory.Pictures pictures = SessionDirectory.pictures(dir, record);
        Path resume = dir.resolve(DIRECTORY);
        String id = record.getString("id");
        if (!Files.isRegularFile(resume.resolve("state.json"))) {
            return new SessionSpec(id, SessionParams.parse(record.getJsonObject("params").copy()), pictures.content(),
                    pictures.styles(), pictures.init(), record.getString("frameFormat"), client,
                    record.getString("ownerTokenHash"), null, 0, record.getBoolean("listed", false), record.getString("caption"));
        }
        JsonObject state = checkpointState(resume);
        // the start picture is replaced by the checkpoint's image, so an "image" start needs none
        StyleParams p = SessionParams.parse(state.getJsonObject("params").copy().put("init", InitialImage.CONTENT.id()));
        JsonObject optimizer = state.getJsonObject("optimizer");
        Map<String, INDArray> arrays = new HashMap<>();
        for (Object name : optimizer.getJsonArray("arrays")) {
            arrays.put((String) name, Nd4j.readBinary(resume.resolve("optimizer-" + name + ".bin").toFile()));
        }
        Map<String, Double> numbers = new HashMap<>();
        optimizer.getJsonObject("numbers").forEach(e -> numbers.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
        StyleTransfer.Checkpoint checkpoint = new StyleTransfer.Checkpoint(state.getInteger("iteration"),
                Nd4j.readBinary(resume.resolve("image.bin").toFile()),
                new OptimizerState(optimizer.getString("name"), arrays, numbers), state.getLong("jitterDraws"),
                new LossWeights(p.contentWeight(), p.styleWeight(), p.tvWeight()), p.learningRate());
        return new SessionSpec(id, p, pictures.content(), pictures.styles(), null, record.getString("frameFormat"), client,
                record.getString("ownerTokenHash"), checkpoint, 0, record.getBoolean("listed", false), record.getString("caption"));
    }
}
