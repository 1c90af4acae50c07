package io.stylecast.session;

import io.stylecast.engine.StyleParams;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What a new session is made of: validated parameters and decoded pictures.
 *
 * @param id assigned by the manager; null in a create request
 * @param init the start picture for {@code init image}, else null
 * @param frameFormat {@code image/jpeg} or {@code image/png}; null for the server's default
 * @param client who asked (the remote address), for per-client limits
 */
public record SessionSpec(String id, StyleParams params, BufferedImage content, List<BufferedImage> styles,
                          BufferedImage init, String frameFormat, String client) {

    public SessionSpec withId(String newId) {
        return new SessionSpec(newId, params, content, styles, init, frameFormat, client);
    }

    /** Width x height of the output, for memory estimates. */
    public int[] size() {
        return params.size(content.getWidth(), content.getHeight());
    }
}
