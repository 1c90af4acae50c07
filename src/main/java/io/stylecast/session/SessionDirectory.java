package io.stylecast.session;

import io.stylecast.engine.image.ImageDecoder;
import io.stylecast.engine.image.ImageFiles;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.settings.Settings;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's folder, {@code output/<id>/}, on the node that serves the web: everything of the session that
 * outlives its runs. Written when the session is created, once: {@value #RECORD} (who owns it, its parameters, whether
 * it is on the wall, its latest placement, and how it ended once it has) and its pictures, {@code content.png},
 * {@code style-1.png}, ... and {@code init.png}, which its {@code params.json} renders from. Then, as workers send
 * them ({@link SessionFile}): snapshots, {@code final.png}, the time-lapse's frames ({@link TimeLapseFrames}, made
 * into {@code timelapse.gif} when it is done), {@code params.json}; and in
 * {@code resume/} its latest checkpoint ({@link ResumeFiles}). A server that restarts after a crash finds every
 * unfinished session here. Blocking file I/O: call off the event loop.
 */
public final class SessionDirectory {

    public static final String RECORD = "session.json";
    /** The run as an animated GIF in the session's folder, there once the session is done. */
    public static final String TIMELAPSE = "timelapse.gif";

    private SessionDirectory() {
    }

    public static Path of(Path output, String id) {
        return output.resolve(id);
    }

    /** Where the session {@code id} (a session id, checked by the caller) has its time-lapse once it is done. */
    public static Path timeLapse(Settings settings, String id) {
        return of(settings.output().directory(), id).resolve(TIMELAPSE);
    }

    /** Where the session {@code id} (checked by the caller) has the parameters it ran with, once it ended. */
    public static Path params(Settings settings, String id) {
        return of(settings.output().directory(), id).resolve("params.json");
    }

    /** The session {@code id}'s folder (checked by the caller), where its snapshots are ({@code 0100.jpg}, ...). */
    public static Path folder(Settings settings, String id) {
        return of(settings.output().directory(), id);
    }

    /** Where the session {@code id} (checked by the caller) has its last picture, as PNG, once it is done. */
    public static Path finalPicture(Settings settings, String id) {
        return of(settings.output().directory(), id).resolve("final.png");
    }

    /** Where the session's latest checkpoint is. */
    public static Path resume(Path output, String id) {
        return of(output, id).resolve(ResumeFiles.DIRECTORY);
    }

    /** Writes a new session's record and pictures. */
    public static void create(Path dir, SessionSpec spec, boolean listed, long estimateBytes) throws IOException {
        Files.createDirectories(dir);
        ImageFiles.write(spec.content(), dir.resolve("content.png"));
        for (int k = 0; k < spec.styles().size(); k++) {
            ImageFiles.write(spec.styles().get(k), dir.resolve("style-" + (k + 1) + ".png"));
        }
        if (spec.init() != null) {
            ImageFiles.write(spec.init(), dir.resolve("init.png"));
        }
        JsonObject record = new JsonObject().put("id", spec.id()).put("ownerTokenHash", spec.ownerTokenHash())
                .put("params", SessionParams.toJson(spec.params())).put("styles", spec.styles().size())
                .put("init", spec.init() != null).put("frameFormat", spec.frameFormat()).put("listed", listed)
                .put("caption", spec.caption())
                .put("estimateBytes", estimateBytes).put("iterations", spec.params().totalIterations()).put("attempt", 0);
        writeRecord(dir, record);
    }

    /** Notes the session's latest placement, so that a restarted server knows which run of it is the one to take back. */
    public static void placed(Path dir, int attempt) throws IOException {
        writeRecord(dir, readRecord(dir).put("attempt", attempt));
    }

    /** Notes how the session ended; a restarted server does not offer it for a resume. */
    public static void finished(Path dir, SessionState state, int iteration, String message) throws IOException {
        if (Files.isRegularFile(dir.resolve(RECORD))) {
            writeRecord(dir, readRecord(dir).put("state", state.id()).put("iteration", iteration).put("message", message));
        }
    }

    public static JsonObject readRecord(Path dir) throws IOException {
        return new JsonObject(Files.readString(dir.resolve(RECORD)));
    }

    private static void writeRecord(Path dir, JsonObject record) throws IOException {
        Path next = dir.resolve(RECORD + ".next");
        Files.writeString(next, record.encodePrettily());
        Files.move(next, dir.resolve(RECORD), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a file a worker sent (its name may hold a folder within the session's), whole or not at all. */
    public static void write(Path dir, SessionFile file) throws IOException {
        Path target = dir.resolve(file.name());   // a name SessionFile allows: within the folder
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.write(part, file.bytes().getBytes());
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The session's pictures as written at its creation: content, styles, and the start picture or null. */
    record Pictures(BufferedImage content, List<BufferedImage> styles, BufferedImage init) {
    }

    /** Reads the pictures back. @throws io.stylecast.engine.InputException naming the picture that is damaged */
    static Pictures pictures(Path dir, JsonObject record) throws IOException {
        List<BufferedImage> styles = new ArrayList<>();
        for (int k = 1; k <= record.getInteger("styles"); k++) {
            styles.add(read(dir.resolve("style-" + k + ".png")));
        }
        BufferedImage init = record.getBoolean("init", false) ? read(dir.resolve("init.png")) : null;
        return new Pictures(read(dir.resolve("content.png")), styles, init);
    }

    private static BufferedImage read(Path file) throws IOException {
        return ImageDecoder.decode(Files.readAllBytes(file), "its saved " + file.getFileName(), Long.MAX_VALUE);
    }
}
