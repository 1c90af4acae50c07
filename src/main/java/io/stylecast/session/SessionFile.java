package io.stylecast.session;

import io.vertx.core.buffer.Buffer;
import java.util.regex.Pattern;

/**
 * A file of a session's output, sent by the worker that made it to the manager, which keeps every session's files
 * in {@code output/<id>/} on the node that serves the web (where they are downloaded, whichever node ran the
 * session): a snapshot ({@code 0100.jpg}), {@code final.png}, a frame of its time-lapse ({@link TimeLapseFrames}) or
 * {@code params.json}.
 *
 * @param attempt the placement that made it; the manager drops a file from one that is not the session's
 */
public record SessionFile(String sessionId, int attempt, String name, Buffer bytes) {

    /** The only names a session's file may have: nothing a worker sends can land elsewhere. */
    private static final Pattern NAMES = Pattern.compile("\\d{4,6}\\.(jpg|png)|final\\.png|"
            + TimeLapseFrames.FOLDER + "/\\d{9}\\.gif|params\\.json");

    public SessionFile {
        if (!NAMES.matcher(name).matches()) {
            throw new IllegalArgumentException("not a session's file: " + name);
        }
    }
}
