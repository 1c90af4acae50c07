package io.stylecast.session.manager;

import io.stylecast.engine.loss.LossValues;
import io.stylecast.session.ResumeFiles;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.protocol.ControlRequest;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.SessionStatus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.ArrayDeque;

/**
 * The table's record of one session, and its state machine: {@link #moveTo} is the one place a state changes, and it
 * refuses moves that {@link SessionState#canMoveTo} does not allow. Its transitions ({@link #place}, {@link #moveOff},
 * {@link #requeue}, {@link #takeBack}, {@link #finish}) change the state together with what goes with it (its slot,
 * attempt, spec and iteration), each moving first so that a refused move changes nothing. Confined to the manager's
 * event loop.
 */
final class Session {

    final String id;
    final String ownerTokenHash;
    final long estimateBytes;
    final int iterations;
    final String client;
    /** Whether its owner put it on the class wall; kept through moves, restarts and resumes. */
    final boolean listed;
    /** What the class wall writes under it, or null. */
    final String caption;
    /**
     * What it runs from (pictures, parameters, and the checkpoint it continues from); null once it ended, and for
     * one taken back from a worker node after a restart, whose folder has it all.
     */
    SessionSpec spec;
    /** Where it runs, while it runs or is paused; else null. */
    private Placement.Slot slot;
    /** Its latest placement: one more each time it is placed; the address its worker sends to names it. */
    private int attempt;
    /** How many times it was moved off a lost node. */
    private int moves;
    /** Whether its latest placement's worker has yet to take it: owners' controls wait until it has. */
    private boolean starting;
    /** Whether it was paused when its node was lost, to be paused again where it continues. */
    private boolean pausedWhenMoved;
    private int iteration;
    LossValues losses;
    /** Its losses so far, for viewers who come late. */
    final LossHistory history = new LossHistory();
    /** Its speed at its last progress, iterations a second (0 before any). */
    double iterationsPerSecond;
    SessionEvent.Frame latestFrame;
    long finishedAt;
    int viewers;
    long unwatchedSince;
    /** The current attempt's events, from its worker. */
    private MessageConsumer<SessionEvent> run;
    /** The session's file work (its folder, checkpoints, files from its workers), one after the other. */
    Future<Void> fileWork = Future.succeededFuture();
    /** Owners' controls waiting their turn: one at a time goes to the worker, none while it starts or moves. */
    final ArrayDeque<Message<ControlRequest>> controls = new ArrayDeque<>();
    /** Whether a control is with the worker now. */
    boolean controlAtWorker;
    /** Whether its worker was not there for a control: the next waits until the node is heard from again. */
    boolean controlsWait;
    private SessionState state = SessionState.QUEUED;
    private String message;
    private final Clock clock;

    Session(String id, String ownerTokenHash, SessionSpec spec, long estimateBytes, Clock clock) {
        this.clock = clock;
        this.unwatchedSince = clock.millis();
        this.id = id;
        this.ownerTokenHash = ownerTokenHash;
        this.spec = spec;
        this.estimateBytes = estimateBytes;
        this.iterations = spec.params().totalIterations();
        this.client = spec.client();
        this.listed = spec.listed();
        this.caption = spec.caption();
        this.iteration = spec.firstIteration();
    }

    /** A session from before this start, listed until its owner resumes it or a worker node that runs it is back. */
    Session(ResumeFiles.Saved saved, Clock clock) {
        this.clock = clock;
        this.unwatchedSince = clock.millis();
        this.id = saved.id();
        this.ownerTokenHash = saved.ownerTokenHash();
        this.estimateBytes = saved.estimateBytes();
        this.iterations = saved.iterations();
        this.client = null;
        this.listed = saved.listed();
        this.caption = saved.caption();
        this.attempt = saved.attempt();
        this.iteration = saved.iteration();
        this.state = SessionState.RESUMABLE;
    }

    /** A resumable session its owner resumes: queued to continue from {@code spec}, its attempts counted on. */
    Session resumed(SessionSpec from, long estimate) {
        Session resumed = new Session(id, ownerTokenHash, from, estimate, clock);
        resumed.attempt = attempt;
        return resumed;
    }

    SessionState state() {
        return state;
    }

    /**
     * Moves to {@code next}, with a message for the owner: a new state drops the last one's message unless a new one
     * is given (a session that moved and then finished does not still say it is moving); the same state keeps it when
     * none is given.
     *
     * @throws IllegalStateException for a move the state machine does not allow
     */
    void moveTo(SessionState next, String newMessage) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("session " + id + " is " + state.id() + " and cannot become " + next.id());
        }
        if (newMessage != null || next != state) {
            message = newMessage;
        }
        state = next;
        if (next.finished()) {
            finishedAt = clock.millis();
        }
    }

    /**
     * Placed on a worker as a new attempt: it runs there, its worker has yet to take it, and its spec names the
     * attempt. The state, the slot, the attempt and the spec change together.
     *
     * @return the new attempt
     */
    int place(Placement.Slot on) {
        moveTo(SessionState.RUNNING, null);
        slot = on;
        attempt++;
        starting = true;
        spec = spec.assigned(id, ownerTokenHash, attempt);
        return attempt;
    }

    /** Follows its current attempt's events through {@code events}. */
    void follow(MessageConsumer<SessionEvent> events) {
        run = events;
    }

    /** Its worker took the current attempt: the owner's controls may go to it. */
    void started() {
        starting = false;
        controlsWait = false;
    }

    /** Whether its current attempt's worker has yet to take it. */
    boolean starting() {
        return starting;
    }

    /** Whether it was paused before it moved and is to be paused again; asking clears it. */
    boolean takePauseAgain() {
        boolean again = pausedWhenMoved && state == SessionState.RUNNING;
        pausedWhenMoved = pausedWhenMoved && !again;
        return again;
    }

    /**
     * Leaves its worker: its attempt's events are no longer followed.
     *
     * @return the slot it had, to be given back, or null
     */
    Placement.Slot leave() {
        if (run != null) {
            run.unregister();
            run = null;
        }
        Placement.Slot left = slot;
        slot = null;
        return left;
    }

    /** Its node was lost, or its worker did not take it: {@code moved}, remembering whether it was paused. */
    void moveOff(String why) {
        boolean paused = state == SessionState.PAUSED;
        moveTo(SessionState.MOVED, why);
        pausedWhenMoved = pausedWhenMoved || paused;
    }

    /** Counts one more move off a lost node. @return how many it has had */
    int countMove() {
        return ++moves;
    }

    /** Back in the queue to continue from {@code from} (its checkpoint) as a new attempt. */
    void requeue(SessionSpec from) {
        moveTo(SessionState.QUEUED, null);
        spec = from;
    }

    /** A run found after a restart on a worker node, where it goes on: in its state there, at its iteration. */
    void takeBack(Placement.Slot on, SessionState there, int at) {
        moveTo(there, null);
        slot = on;
        iteration = at;
    }

    /** Its worker's progress. */
    void progress(SessionEvent.Progress progress) {
        iteration = progress.iteration();
        losses = progress.losses();
        iterationsPerSecond = progress.itPerSec();
        history.add(progress);
    }

    /** A state its worker reports, at the iteration it reports (never going back). */
    void reported(SessionState next, int at, String newMessage) {
        moveTo(next, newMessage);
        iteration = Math.max(iteration, at);
    }

    /** Its run ended, at iteration {@code at}. */
    void finish(SessionState end, int at, String newMessage) {
        moveTo(end, newMessage);
        iteration = at;
    }

    /** Re-registers its attempt's events after the cluster lost them: {@code renew} follows it anew. */
    void renewRun(Runnable renew) {
        if (run != null) {
            run.unregister();
            renew.run();
        }
    }

    /** The attempt's events' registration, to wait for before its worker is given the spec. */
    Future<Void> following() {
        return run.completion();
    }

    Placement.Slot slot() {
        return slot;
    }

    int attempt() {
        return attempt;
    }

    int iteration() {
        return iteration;
    }

    /** Whether it runs or is paused on a worker now. */
    boolean placed() {
        return slot != null && (state == SessionState.RUNNING || state == SessionState.PAUSED);
    }

    /** @param queuePosition 1 for the next to run, or 0 when not queued */
    SessionStatus status(int queuePosition) {
        return status(queuePosition, 0);
    }

    /** @param startsInSeconds for a queued session, about when it starts; else 0 */
    SessionStatus status(int queuePosition, int startsInSeconds) {
        return new SessionStatus(id, state, iteration, iterations, losses, queuePosition, message, startsInSeconds);
    }
}
