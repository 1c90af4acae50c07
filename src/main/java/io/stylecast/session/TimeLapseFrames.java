package io.stylecast.session;

import io.stylecast.engine.image.TimeLapse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A session's time-lapse while it runs: its frames, each a one-frame GIF its worker made ({@link TimeLapse#frame}),
 * kept in {@code <session folder>/}{@value #FOLDER}{@code /} under the iteration they show, and put together into
 * {@code timelapse.gif} when the session is done. A session that moves between worker nodes, or is resumed after a
 * restart, keeps the frames it made before: the run that goes on from a checkpoint makes the later ones (those past
 * the checkpoint again, under the same names), so its time-lapse goes on across the move. Blocking file I/O: call
 * off the event loop.
 */
public final class TimeLapseFrames {

    public static final String FOLDER = "timelapse-frames";

    private TimeLapseFrames() {
    }

    /** The file name (within the session's folder) of the frame that shows {@code iteration}. */
    public static String name(int iteration) {
        return FOLDER + "/" + String.format("%09d.gif", iteration);
    }

    /**
     * Puts the session's frames together, in the order of their iterations, into its {@code timelapse.gif}, then
     * removes them; nothing when there are none (the time-lapse was made already, or none was).
     */
    public static void assemble(Path dir) throws IOException {
        Path frames = dir.resolve(FOLDER);
        if (!Files.isDirectory(frames)) {
            return;
        }
        List<Path> ordered;
        try (Stream<Path> files = Files.list(frames)) {
            ordered = files.filter(f -> f.getFileName().toString().matches("\\d{9}\\.gif")).sorted().toList();
        }
        TimeLapse.assemble(ordered, dir.resolve(SessionDirectory.TIMELAPSE));
        drop(dir);
    }

    /** Removes the session's frames (a cancelled or failed run keeps no time-lapse). */
    public static void drop(Path dir) throws IOException {
        ResumeFiles.deleteRecursively(dir.resolve(FOLDER));
    }
}
