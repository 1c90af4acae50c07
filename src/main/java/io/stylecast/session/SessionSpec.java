package io.stylecast.session;

import io.stylecast.engine.StyleParams;
import io.stylecast.engine.StyleTransfer;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What a new session is made of: validated parameters and decoded pictures.
 *
 * @param id assigned by the manager; null in a create request
 * @param init the start picture for {@code init image}, else null
 * @param frameFormat {@code image/jpeg} or {@code image/png}; null for the server's default
 * @param client who asked, for per-client limits: a browser at an address ({@code address#id}) or an address alone
 * @param ownerTokenHash set by the manager; written into the session's checkpoints
 * @param resumeFrom where to continue from, for a session resumed from a checkpoint; else null
 * @param attempt which placement of the session this is (1 for the first; one more each time it moves);
 *     set by the manager, 0 in a create request
 * @param listed whether the class wall ({@code /wall}) shows it
 * @param caption what the wall writes under it (a student's name, the pictures' names), or null
 */
public record SessionSpec(String id, StyleParams params, BufferedImage content, List<BufferedImage> styles,
                          BufferedImage init, String frameFormat, String client, String ownerTokenHash,
                          StyleTransfer.Checkpoint resumeFrom, int attempt, boolean listed,
                          String caption) {

    /** A new session's spec, as a create request makes it. */
    public SessionSpec(StyleParams params, BufferedImage content, List<BufferedImage> styles, BufferedImage init,
                       String frameFormat, String client) {
        this(null, params, content, styles, init, frameFormat, client, null, null, 0, false, null);
    }

    /** The spec as the manager hands it to a worker: with the session's id, owner and attempt. */
    public SessionSpec assigned(String newId, String newOwnerTokenHash, int newAttempt) {
        return new SessionSpec(newId, params, content, styles, init, frameFormat, client, newOwnerTokenHash, resumeFrom,
                newAttempt, listed, caption);
    }

    /** This spec shown on the class wall ({@code /wall}) or not, with its caption there (or null). */
    public SessionSpec onTheWall(boolean onTheWall, String wallCaption) {
        return new SessionSpec(id, params, content, styles, init, frameFormat, client, ownerTokenHash, resumeFrom, attempt,
                onTheWall, wallCaption);
    }

    /**
     * The address of a client key: a client is a browser at an address ({@code address#id}, the web layer's key) or an
     * address alone.
     */
    public static String addressOf(String client) {
        if (client == null) {
            return null;
        }
        int hash = client.indexOf('#');
        return hash < 0 ? client : client.substring(0, hash);
    }

    /** The iteration the session starts at: 0, or its checkpoint's. */
    public int firstIteration() {
        return resumeFrom == null ? 0 : resumeFrom.iteration();
    }

    /** Width x height of the output, for memory estimates. */
    public int[] size() {
        return params.size(content.getWidth(), content.getHeight());
    }

    /**
     * The pixels the memory estimate counts: the output's, or if more, half those of the largest style picture at
     * its style scale (its pass, once at the start, goes forward only, where an iteration also goes back).
     */
    public long estimatePixels() {
        int[] output = size();
        long most = (long) output[0] * output[1];
        for (BufferedImage style : styles) {
            int[] s = params.styleSize(style.getWidth(), style.getHeight(), output);
            most = Math.max(most, (long) s[0] * s[1] / 2);
        }
        return most;
    }
}
