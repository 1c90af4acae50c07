package io.stylecast.session.protocol;

import io.stylecast.engine.loss.LossValues;

/**
 * A session's state and progress: what {@code GET /api/sessions/{id}} answers, what a viewer gets
 * when it connects, and the event published whenever the state or the message changes.
 *
 * @param losses the latest iteration's, or null before the first
 * @param queuePosition 1 for the next to run, or 0 when not queued
 * @param message after an error or an update, else null
 * @param startsInSeconds for a queued session, about when it starts ({@link io.stylecast.session.QueueEstimate});
 *     0 when not queued or not known
 */
public record SessionStatus(String id, SessionState state, int iteration, int iterations, LossValues losses,
                            int queuePosition, String message, int startsInSeconds) implements SessionEvent {

    /** A status with no start estimate. */
    public SessionStatus(String id, SessionState state, int iteration, int iterations, LossValues losses,
                         int queuePosition, String message) {
        this(id, state, iteration, iterations, losses, queuePosition, message, 0);
    }

    @Override
    public String sessionId() {
        return id;
    }
}
