package io.stylecast.session;

import io.stylecast.engine.loss.LossValues;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionStatus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * The manager's record of one session, and its state machine: {@link #moveTo} is the one place a
 * state changes, and it refuses moves that {@link SessionState#canMoveTo} does not allow. Confined
 * to the manager's event loop.
 */
final class Session {

    final String id;
    final String ownerTokenHash;
    final long estimateBytes;
    final int iterations;
    final String client;
    SessionSpec spec;
    /** Where it runs, while it runs or is paused; else null. */
    Placement.Slot slot;
    /** Its current placement: 0 until it first runs, one more each time it is placed. */
    int attempt;
    /** Whether it was paused when its node was lost, to be paused again where it continues. */
    boolean pausedWhenMoved;
    int iteration;
    LossValues losses;
    SessionEvent.Frame latestFrame;
    long finishedAt;
    int viewers;
    long unwatchedSince = System.currentTimeMillis();
    /** The current attempt's events, from its worker. */
    MessageConsumer<SessionEvent> run;
    /** The session's checkpoint writes and deletion, one after the other. */
    Future<Void> fileWork = Future.succeededFuture();
    private SessionState state = SessionState.QUEUED;
    private String message;

    Session(String id, String ownerTokenHash, SessionSpec spec, long estimateBytes) {
        this.id = id;
        this.ownerTokenHash = ownerTokenHash;
        this.spec = spec;
        this.estimateBytes = estimateBytes;
        this.iterations = spec.params().totalIterations();
        this.client = spec.client();
        this.iteration = spec.firstIteration();
    }

    /** A session saved by a shutdown, listed until its owner resumes it. */
    Session(ResumeFiles.Saved saved) {
        this.id = saved.id();
        this.ownerTokenHash = saved.ownerTokenHash();
        this.estimateBytes = 0;
        this.iterations = saved.iterations();
        this.client = null;
        this.iteration = saved.iteration();
        this.state = SessionState.RESUMABLE;
    }

    SessionState state() {
        return state;
    }

    /**
     * Moves to {@code next}, with a message for the owner (or null to keep the last one).
     *
     * @throws IllegalStateException for a move the state machine does not allow
     */
    void moveTo(SessionState next, String newMessage) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("session " + id + " is " + state.id() + " and cannot become " + next.id());
        }
        state = next;
        if (newMessage != null) {
            message = newMessage;
        }
        if (next.finished()) {
            finishedAt = System.currentTimeMillis();
        }
    }

    /** @param queuePosition 1 for the next to run, or 0 when not queued */
    SessionStatus status(int queuePosition) {
        return new SessionStatus(id, state, iteration, iterations, losses, queuePosition, message);
    }
}
