package io.stylecast.session.manager;

import io.stylecast.session.Addresses;
import io.stylecast.session.Membership;
import io.stylecast.session.NodeInfo;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.SessionWire;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.SessionStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions' table and queue: every session by id, the queue's order, and what goes with a session's changes of
 * state here (placing it on a worker, following its attempt's events, freeing its slot when it ends, letting the queue
 * move). The helpers around it (owners' requests, the worker nodes' watch, the session's files) hold the table and
 * hear of its sessions' lives as a {@link Listener}; it holds none of them. Confined to the manager's event loop.
 */
final class SessionTable {

    /** What a helper hears of the table's sessions; each method does nothing unless the helper cares. */
    interface Listener {

        /** The session was given to a worker as its latest attempt. */
        default void placed(Session session) {
        }

        /** The session's worker took attempt {@code attempt}. */
        default void started(Session session, int attempt) {
        }

        /** The session's worker did not take attempt {@code attempt}. */
        default void notStarted(Session session, int attempt, Throwable why) {
        }

        /** The session's run ended on its worker in {@code state}: file work asked for now is done before it ends here. */
        default void ending(Session session, SessionState state) {
        }

        /** The session ended here: its slot is free. */
        default void released(Session session) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionTable.class);
    /** How long a worker has to take a session's spec (decoding its pictures included). */
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final Vertx vertx;
    private final Placement placement;
    private final Membership membership;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final ArrayDeque<Session> queue = new ArrayDeque<>();
    private final List<Listener> listeners = new ArrayList<>();

    SessionTable(Vertx vertx, Placement placement, Membership membership) {
        this.vertx = vertx;
        this.placement = placement;
        this.membership = membership;
    }

    /** Listeners hear in the order they were added. */
    void listen(Listener listener) {
        listeners.add(listener);
    }

    /** A session found at start, not queued (a resumable one). */
    void add(Session session) {
        sessions.put(session.id, session);
    }

    /** Adds a session to the table and the queue, and lets the queue move. */
    void enqueue(Session session) {
        sessions.put(session.id, session);
        queue.add(session);
        admit();
    }

    /** Puts a session that was moved off a lost node at the head of the queue, to continue first from {@code spec}. */
    void requeueFirst(Session session, SessionSpec spec) {
        session.requeue(spec);
        queue.addFirst(session);
        admit();
    }

    /** Starts queued sessions, in order, while the next one fits. */
    void admit() {
        while (!queue.isEmpty() && placement.fits(queue.peek().estimateBytes)) {
            Session session = queue.poll();
            place(session, placement.take(session.estimateBytes));
        }
        announceQueue();
    }

    /**
     * Gives a session to a worker as a new attempt: the table follows the events sent to that attempt's address only,
     * and its worker learns the attempt number with the spec.
     */
    private void place(Session session, Placement.Slot slot) {
        int attempt = session.place(slot);
        SessionSpec spec = session.spec;
        follow(session);
        listeners.forEach(l -> l.placed(session));
        // to another node, the spec goes in its wire form, encoded off the event loop
        Future<Object> payload = slot.node().equals(membership.self()) ? Future.succeededFuture(spec)
                : vertx.executeBlocking(() -> SessionWire.encodeSpec(spec));
        session.following().compose(v -> payload)
                .compose(body -> vertx.eventBus().request(Addresses.worker(slot.node(), slot.worker()), body,
                        new DeliveryOptions().setSendTimeout(START_TIMEOUT_MILLIS)))
                .onSuccess(started -> listeners.forEach(l -> l.started(session, attempt)))
                .onFailure(e -> listeners.forEach(l -> l.notStarted(session, attempt, e)));
    }

    /** Follows the events of the session's current attempt. */
    void follow(Session session) {
        int attempt = session.attempt();
        session.follow(vertx.eventBus().consumer(Addresses.run(session.id, attempt), m -> onEvent(session, attempt, m.body())));
    }

    /** A session found unfinished at start whose run a node still has goes on there, where it is. */
    void takeBack(Session session, Placement.Slot slot, NodeInfo.Run run) {
        session.takeBack(slot, run.state(), run.iteration());
        follow(session);
        toViewers(session, session.status(0));
    }

    /** The session's node was lost, or did not take it: it leaves its slot and becomes {@code moved}. */
    void moveOff(Session session, String why) {
        leaveSlot(session);
        session.moveOff(why);
        toViewers(session, session.status(0));
    }

    /** Every queued session's viewers learn its new place. */
    void announceQueue() {
        int[] starts = startSeconds();
        int position = 1;
        for (Session queued : queue) {
            toViewers(queued, queued.status(position, starts[position - 1]));
            position++;
        }
    }

    /** About when each queued session starts, in the queue's order. */
    private int[] startSeconds() {
        if (queue.isEmpty()) {
            return new int[0];
        }
        List<QueueEstimate.Running> running = sessions.values().stream().filter(s -> s.state() == SessionState.RUNNING)
                .map(s -> new QueueEstimate.Running(s.iterations - s.iteration(), s.iterationsPerSecond)).toList();
        return QueueEstimate.startSeconds(running, Math.min(placement.workers(), Math.max(1, running.size())),
                queue.stream().map(s -> s.iterations - s.iteration()).toList());
    }

    /** The session's status; a queued one's with its place and about when it starts. */
    SessionStatus status(Session session) {
        int position = queuePosition(session);
        return session.status(position, position > 0 ? startSeconds()[position - 1] : 0);
    }

    /** An event of a session's current attempt: kept for its status, then passed on to its viewers. */
    private void onEvent(Session session, int attempt, SessionEvent event) {
        if (attempt != session.attempt()) {
            return;
        }
        if (event instanceof SessionEvent.Progress progress) {
            session.progress(progress);
        } else if (event instanceof SessionEvent.Frame frame) {
            session.latestFrame = frame;
        } else if (event instanceof SessionStatus status) {
            fromWorker(session, status);
            return;
        } else if (event instanceof SessionEvent.Done) {
            return;   // told with the status, once its files are in
        }
        toViewers(session, event);
    }

    /**
     * A state a session's worker reports (in an event, or in its reply to a control), through the same table of moves
     * as every other; completes once the session is in it. A move the table refuses (a late report of a run this side
     * already ended) is logged and changes nothing.
     */
    Future<Void> fromWorker(Session session, SessionStatus status) {
        if (status.state().finished()) {
            return finishFromWorker(session, status.state(), status.iteration(), status.message());
        }
        if (status.state() != SessionState.QUEUED && session.state().canMoveTo(status.state())) {
            session.reported(status.state(), status.iteration(), status.message());
            toViewers(session, session.status(0));
        } else {
            LOG.info("session {}: its worker reports it {}, which a session that is {} here cannot become; ignored",
                    session.id, status.state().id(), session.state().id());
        }
        return Future.succeededFuture();
    }

    /**
     * A session's run ended on its worker. It ends here once the files its worker sent before are on disk, so that
     * its pictures are there for whoever learns that it ended; the future completes then.
     */
    Future<Void> finishFromWorker(Session session, SessionState state, int iteration, String message) {
        if (!session.state().canMoveTo(state)) {
            return Future.succeededFuture();
        }
        listeners.forEach(l -> l.ending(session, state));
        return session.fileWork.andThen(written -> {
            if (session.state().canMoveTo(state)) {
                session.finish(state, iteration, message);
                if (state == SessionState.DONE) {
                    toViewers(session, new SessionEvent.Done(session.id));
                }
                toViewers(session, session.status(0));
                release(session);
            }
        });
    }

    /**
     * Publishes to the session's viewers, on every web node that has some: each such node receives the event once, and
     * passes it to its viewers' sockets.
     */
    void toViewers(Session session, SessionEvent event) {
        vertx.eventBus().publish(Addresses.events(session.id), event);
    }

    /** Ends a session that has not finished with a state its viewers see. */
    void end(Session session, SessionState state, String why) {
        if (!session.state().finished()) {
            session.moveTo(state, why);
            toViewers(session, session.status(0));
            release(session);
        }
    }

    /** Cancels a session still in the queue; its viewers see it. */
    void cancelQueued(Session session, String why) {
        queue.remove(session);
        end(session, SessionState.CANCELLED, why);
        announceQueue();
    }

    /** Frees a finished session's worker slot and memory, lets its listeners know, and lets the queue move. */
    private void release(Session session) {
        leaveSlot(session);
        session.spec = null;
        listeners.forEach(l -> l.released(session));
        admit();
    }

    /** Stops following a session's attempt and gives its worker's place back. */
    void leaveSlot(Session session) {
        Placement.Slot slot = session.leave();
        if (slot != null) {
            placement.give(slot, session.estimateBytes);
        }
    }

    Session find(String id) {
        return sessions.get(id);
    }

    List<Session> all() {
        return List.copyOf(sessions.values());
    }

    long count(SessionState state) {
        return sessions.values().stream().filter(s -> s.state() == state).count();
    }

    int queued() {
        return queue.size();
    }

    int queuePosition(Session session) {
        int position = 1;
        for (Session queued : queue) {
            if (queued == session) {
                return position;
            }
            position++;
        }
        return 0;
    }

    /** Forgets the sessions that finished before {@code cutoff} (epoch millis). */
    void forgetFinishedBefore(long cutoff) {
        sessions.values().removeIf(s -> s.state().finished() && s.finishedAt > 0 && s.finishedAt < cutoff);
    }

    /** Completes once no session has file work under way (a session that ends as the others stop asks for more). */
    Future<?> settled(int rounds) {
        List<Future<Void>> work = sessions.values().stream().map(s -> s.fileWork).filter(f -> !f.isComplete()).toList();
        return work.isEmpty() || rounds == 0 ? Future.succeededFuture() : Future.join(work).transform(v -> settled(rounds - 1));
    }
}
