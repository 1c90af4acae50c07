package io.stylecast.session;

import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.protocol.NodeLeft;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.SessionStatus;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Owns the session table, admission and placement, on one event loop of the node that serves the
 * web. A new session runs at once on the least loaded worker of a node that has the memory for it
 * ({@link Placement}), else it waits in the queue (up to {@code queue.max}, past which creation is
 * refused with 503). It follows each session's events to keep its state, losses and latest frame,
 * passes them on to the session's viewers, and starts queued sessions as others finish. What owners
 * and viewers ask of a session is answered by {@link OwnerRequests}, what others ask by {@link SessionQueries};
 * worker nodes come and go through {@link NodeWatch}; the session's folder is kept by {@link SessionFiles}.
 */
public final class SessionManager extends VerticleBase {

    /** How often the queued sessions' viewers hear their place and estimate again while nothing else moves the queue. */
    static final long QUEUE_ANNOUNCE_MILLIS = 5000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionManager.class);
    /** How long a worker has to take a session's spec (decoding its pictures included). */
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final Settings settings;
    private final StylecastMetrics metrics;
    private final Membership membership;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final ArrayDeque<Session> queue = new ArrayDeque<>();
    private Placement placement;
    private Admission admission;
    private NodeWatch nodes;
    private SessionFiles files;
    private SavedSessions saved;
    private OwnerRequests owners;
    private ClusterConsumers consumers;
    private boolean renewing;
    final Clock clock;

    public SessionManager(Settings settings, StylecastMetrics metrics, Membership membership) {
        this(settings, metrics, membership, Clock.systemUTC());
    }

    /** @param clock what decides node timeouts, unwatched and finished sessions' ages (tests move it) */
    public SessionManager(Settings settings, StylecastMetrics metrics, Membership membership, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.membership = membership;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        io.stylecast.metrics.EventLoopWatch.start(vertx, metrics, "sessions");
        placement = new Placement(settings.model());
        admission = new Admission(settings, placement);
        files = new SessionFiles(vertx, sessions::get, settings);
        saved = new SavedSessions(vertx, settings, clock);
        owners = new OwnerRequests(this, settings, saved, clock);
        nodes = new NodeWatch(this, placement, settings, membership, saved, owners);
        SessionQueries queries = new SessionQueries(this, placement, settings, saved, clock);
        for (SessionState state : SessionState.values()) {
            metrics.sessionsGauge(state.id(), () -> sessions.values().stream().filter(s -> s.state() == state).count());
        }
        vertx.setPeriodic(60_000, id -> forgetOldSessions());
        // the waiting see their estimate follow the running sessions' progress
        vertx.setPeriodic(QUEUE_ANNOUNCE_MILLIS, id -> {
            if (!queue.isEmpty()) {
                announceQueue();
            }
        });
        if (settings.sessions().cancelUnwatchedMillis() > 0) {
            vertx.setPeriodic(Math.min(1000, settings.sessions().cancelUnwatchedMillis()), id -> owners.cancelUnwatched());
        }
        var bus = vertx.eventBus();
        consumers = new ClusterConsumers(bus);
        // worker nodes are heard once the table is read: a run they announce before would be taken for a stale one
        Future<?> loaded = saved.load().compose(found -> {
            found.forEach(s -> sessions.put(s.id(), new Session(s, clock)));
            owners.forgetExpiredResumable();
            return requeueNeverStarted();
        }).compose(read -> consumers.<NodeInfo>add(Addresses.NODES, nodes::announced));
        return Future.join(List.of(loaded,
                consumers.<SessionSpec>add(Addresses.CREATE, this::create),
                bus.<NodeLeft>localConsumer(Addresses.NODE_LEFT, m -> nodes.lost(m.body().nodeId(), "left the cluster")).completion(),
                consumers.add(Addresses.CHECKPOINT, files::checkpoint),
                consumers.<SessionFile>add(Addresses.FILES, files::file),
                queries.register(consumers),
                owners.register(bus, consumers)))
                // checked once every address is registered: one not registered yet is not a lost one
                .onSuccess(registered -> vertx.setPeriodic(settings.cluster().heartbeatMillis(), id -> renewIfUnregistered()));
    }

    /**
     * After a merge of the cluster, Vert.x's registry can miss this node's addresses: worker nodes would then find no
     * manager, and sessions' events no follower. Checked every heartbeat; every address is registered anew.
     */
    private void renewIfUnregistered() {
        if (renewing) {
            return;
        }
        renewing = true;
        membership.isRegistered(Addresses.NODES).compose(registered -> {
            if (registered) {
                return Future.succeededFuture();
            }
            LOG.warn("the cluster lost this node's addresses (it merged again): registering them anew");
            sessions.values().stream().filter(s -> s.run != null).forEach(s -> {
                s.run.unregister();
                follow(s);
            });
            return consumers.renew();
        }).onComplete(done -> renewing = false);
    }

    /**
     * The sessions found that were still in the queue when the table's last node went away (a web node's loss, or a
     * stop): back in the queue in the order they were made, with no owner's action (a student's waiting session keeps
     * its turn). One whose files cannot be read fails, saying so.
     */
    private Future<?> requeueNeverStarted() {
        List<Future<SessionSpec>> read = new java.util.ArrayList<>();
        for (ResumeFiles.Saved waiting : saved.neverStarted()) {
            read.add(saved.continuation(waiting, null).onComplete(spec -> {
                Session placeholder = sessions.get(waiting.id());
                if (spec.succeeded()) {
                    enqueue(new Session(waiting.id(), waiting.ownerTokenHash(), spec.result(),
                            settings.sessionMemory().bytes(spec.result().estimatePixels()), clock));
                } else if (placeholder != null) {
                    end(placeholder, SessionState.FAILED, "its saved files are damaged; it cannot be continued");
                }
            }));
        }
        return Future.join(read).otherwiseEmpty();
    }

    /** Waits (up to 10 s) for the sessions' file work under way: a stop leaves no file half done and no task behind it. */
    @Override
    public Future<?> stop() {
        return settled(20).timeout(10, java.util.concurrent.TimeUnit.SECONDS).otherwiseEmpty();
    }

    /** Completes once no session has file work under way (a session that ends as the others stop asks for more). */
    private Future<?> settled(int rounds) {
        List<Future<Void>> work = sessions.values().stream().map(s -> s.fileWork).filter(f -> !f.isComplete()).toList();
        return work.isEmpty() || rounds == 0 ? Future.succeededFuture() : Future.join(work).transform(v -> settled(rounds - 1));
    }

    private void create(Message<SessionSpec> message) {
        SessionSpec spec = message.body();
        long estimate = settings.sessionMemory().bytes(spec.estimatePixels());
        String address = SessionSpec.addressOf(spec.client());
        long openOfClient = 0;
        long openOfAddress = 0;
        for (Session s : sessions.values()) {
            if (!s.state().finished() && s.client != null) {
                openOfClient += s.client.equals(spec.client()) ? 1 : 0;
                openOfAddress += SessionSpec.addressOf(s.client).equals(address) ? 1 : 0;
            }
        }
        Admission.Refused refusal = admission.check(spec, estimate, openOfClient, openOfAddress, queue.size());
        if (refusal != null) {
            refusal.reason().fail(message, refusal.message());
            return;
        }
        String token = Tokens.random128();
        String id = Tokens.random128();
        Session session = new Session(id, Tokens.hash(token), spec.assigned(id, Tokens.hash(token), 0), estimate, clock);
        files.created(session);
        enqueue(session);
        message.reply(new SessionTicket(session.id, token));
    }

    /** Adds a session to the table and the queue, and lets the queue move. */
    void enqueue(Session session) {
        sessions.put(session.id, session);
        queue.add(session);
        admit();
    }

    /** Puts a session that was moved off a lost node at the head of the queue, to continue first. */
    void requeueFirst(Session session) {
        session.moveTo(SessionState.QUEUED, null);
        queue.addFirst(session);
        admit();
    }

    /** Starts queued sessions, in order, while the next one fits. */
    private void admit() {
        while (!queue.isEmpty() && placement.fits(queue.peek().estimateBytes)) {
            Session session = queue.poll();
            session.moveTo(SessionState.RUNNING, null);
            place(session, placement.take(session.estimateBytes));
        }
        announceQueue();
    }

    /**
     * Gives a session to a worker as a new attempt: the manager follows the events sent to that attempt's address
     * only, and its worker learns the attempt number with the spec. Owners' controls wait until the worker has it.
     */
    private void place(Session session, Placement.Slot slot) {
        session.slot = slot;
        int attempt = ++session.attempt;
        session.starting = true;
        SessionSpec spec = session.spec.assigned(session.id, session.ownerTokenHash, attempt);
        session.spec = spec;
        follow(session);
        files.placed(session);
        // to another node, the spec goes in its wire form, encoded off the event loop
        Future<Object> payload = slot.node().equals(membership.self()) ? Future.succeededFuture(spec)
                : vertx.executeBlocking(() -> SessionWire.encodeSpec(spec));
        session.run.completion().compose(v -> payload)
                .compose(body -> vertx.eventBus().request(Addresses.worker(slot.node(), slot.worker()), body,
                        new DeliveryOptions().setSendTimeout(START_TIMEOUT_MILLIS)))
                .onSuccess(started -> nodes.started(session, attempt))
                .onFailure(e -> nodes.notStarted(session, attempt, e));
    }

    /** Follows the events of the session's current attempt. */
    void follow(Session session) {
        int attempt = session.attempt;
        session.run = vertx.eventBus().consumer(Addresses.run(session.id, attempt), m -> onEvent(session, attempt, m.body()));
    }

    /** Every queued session's viewers learn its new place. */
    private void announceQueue() {
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
                .map(s -> new QueueEstimate.Running(s.iterations - s.iteration, s.iterationsPerSecond)).toList();
        return QueueEstimate.startSeconds(running, Math.min(placement.workers(), Math.max(1, running.size())),
                queue.stream().map(s -> s.iterations - s.iteration).toList());
    }

    /** The session's status; a queued one's with its place and about when it starts. */
    SessionStatus status(Session session) {
        int position = queuePosition(session);
        return session.status(position, position > 0 ? startSeconds()[position - 1] : 0);
    }

    /** An event of a session's current attempt: kept for its status, then passed on to its viewers here. */
    private void onEvent(Session session, int attempt, SessionEvent event) {
        if (attempt != session.attempt) {
            return;
        }
        if (event instanceof SessionEvent.Progress progress) {
            session.iteration = progress.iteration();
            session.losses = progress.losses();
            session.iterationsPerSecond = progress.itPerSec();
            session.history.add(progress);
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
     * A state a session's worker reports (in an event, or in its reply to a control); completes once the session is
     * in it.
     */
    Future<Void> fromWorker(Session session, SessionStatus status) {
        if (status.state().finished()) {
            return finishFromWorker(session, status.state(), status.iteration(), status.message());
        }
        if (status.state() != SessionState.QUEUED && session.state().canMoveTo(status.state())) {
            session.moveTo(status.state(), status.message());
            session.iteration = Math.max(session.iteration, status.iteration());
            toViewers(session, session.status(0));
        } else {
            LOG.debug("session {}: ignoring {} while {}", session.id, status.state().id(), session.state().id());
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
        return session.fileWork.andThen(written -> {
            if (session.state().canMoveTo(state)) {
                session.iteration = iteration;
                session.moveTo(state, message);
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

    /** Frees a finished session's worker slot, memory and checkpoint, lets the queue move and its waiting controls be answered. */
    private void release(Session session) {
        leaveSlot(session);
        session.spec = null;
        files.finished(session);
        owners.next(session);
        admit();
    }

    /** Stops following a session's attempt and gives its worker's place back. */
    void leaveSlot(Session session) {
        if (session.run != null) {
            session.run.unregister();
            session.run = null;
        }
        if (session.slot != null) {
            placement.give(session.slot, session.estimateBytes);
            session.slot = null;
        }
    }

    io.vertx.core.Vertx vertx() {
        return vertx;
    }

    SessionFiles files() {
        return files;
    }

    /** Starts what the queue holds, now that a node is here. */
    void admitQueued() {
        admit();
    }

    Session find(String id) {
        return sessions.get(id);
    }

    List<Session> all() {
        return List.copyOf(sessions.values());
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

    private void forgetOldSessions() {
        owners.forgetExpiredResumable();
        long cutoff = clock.millis() - settings.sessions().retainFinishedMillis();
        sessions.values().removeIf(s -> s.state().finished() && s.finishedAt > 0 && s.finishedAt < cutoff);
    }
}
