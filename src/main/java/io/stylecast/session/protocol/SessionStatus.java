package io.stylecast.session.protocol;

import io.stylecast.engine.loss.LossValues;
import io.stylecast.session.SessionState;

/**
 * A session's state and progress: what {@code GET /api/sessions/{id}} answers, what a viewer gets
 * when it connects, and the event published whenever the state or the message changes.
 *
 * @param losses the latest iteration's, or null before the first
 * @param queuePosition 1 for the next to run, or 0 when not queued
 * @param message after an error or an update, else null
 */
public record SessionStatus(String id, SessionState state, int iteration, int iterations, LossValues losses,
                            int queuePosition, String message) implements SessionEvent {

    @Override
    public String sessionId() {
        return id;
    }
}
