package io.stylecast.session;

import io.stylecast.engine.StyleTransfer;

/**
 * A running session's checkpoint, sent by its worker to the manager every
 * {@code checkpoint.everyIterations} and at pause; the manager writes the latest one under
 * {@code output/<id>/resume/} ({@link ResumeFiles}), from which the session continues after a
 * restart or on another node. The arrays are copies the receiver releases.
 *
 * @param attempt the placement it comes from; the manager ignores one from a stale attempt
 */
public record SessionCheckpoint(String sessionId, int attempt, StyleTransfer.Checkpoint checkpoint) {
}
