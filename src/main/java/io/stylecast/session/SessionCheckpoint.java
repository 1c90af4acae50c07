package io.stylecast.session;

import io.stylecast.engine.StyleTransfer;

/**
 * A running session's checkpoint, sent by its worker to the manager every
 * {@code checkpoint.everyIterations} and at pause; the manager writes the latest one under
 * {@code output/<id>/resume/} ({@link ResumeFiles}). The arrays are copies the receiver releases.
 * Note: within one process only for now (a {@link LocalCodec}); a wire form comes with worker nodes.
 */
public record SessionCheckpoint(String sessionId, StyleTransfer.Checkpoint checkpoint) {
}
