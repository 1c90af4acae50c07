package io.stylecast.session;

import io.stylecast.engine.InputException;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
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
 * and viewers ask of a session is answered by {@link OwnerRequests}; worker nodes come and go through
 * {@link NodeWatch}; checkpoints are written by {@link SessionFiles}.
 */
public final class SessionManager extends VerticleBase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionManager.class);
    private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

    private final ServerSettings settings;
    private final StylecastMetrics metrics;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final ArrayDeque<Session> queue = new ArrayDeque<>();
    private Placement placement;
    private NodeWatch nodes;
    private SessionFiles files;
    private SavedSessions saved;
    private OwnerRequests owners;

    public SessionManager(ServerSettings settings, StylecastMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        io.stylecast.metrics.EventLoopWatch.start(vertx, metrics, "sessions");
        placement = new Placement(settings.model());
        files = new SessionFiles(this, settings);
        nodes = new NodeWatch(this, placement, settings);
        for (SessionState state : SessionState.values()) {
            metrics.sessionsGauge(state.id(), () -> sessions.values().stream().filter(s -> s.state() == state).count());
        }
        saved = new SavedSessions(vertx, settings);
        owners = new OwnerRequests(this, settings, saved);
        vertx.setPeriodic(60_000, id -> forgetOldSessions());
        if (settings.cancelUnwatchedMillis() > 0) {
            vertx.setPeriodic(Math.min(1000, settings.cancelUnwatchedMillis()), id -> owners.cancelUnwatched());
        }
        var bus = vertx.eventBus();
        Future<?> loaded = saved.load().onSuccess(found -> {
            found.forEach(s -> sessions.put(s.id(), new Session(s)));
            owners.forgetExpiredResumable();
        });
        vertx.setPeriodic(settings.heartbeatMillis(), id -> nodes.checkSilent());
        return Future.join(List.of(loaded,
                bus.<SessionSpec>consumer(Addresses.CREATE, this::create).completion(),
                bus.<String>consumer(Addresses.STATUS, this::status).completion(),
                bus.<String>consumer(Addresses.IMAGE, this::image).completion(),
                bus.<NodeInfo>consumer(Addresses.NODES, m -> nodes.announced(m.body())).completion(),
                bus.<String>localConsumer(Addresses.NODE_LEFT, m -> nodes.lost(m.body(), "left the cluster")).completion(),
                bus.consumer(Addresses.CHECKPOINT, files::checkpoint).completion(),
                bus.consumer(Addresses.HEALTH, this::health).completion(),
                bus.consumer(Addresses.WALL, this::wall).completion(),
                owners.register(bus)));
    }

    private void create(Message<SessionSpec> message) {
        SessionSpec spec = message.body();
        int[] size = spec.size();
        long estimate = settings.sessionMemory().bytes(spec.estimatePixels());
        long budget = placement.largestBudgetBytes() >= 0 ? placement.largestBudgetBytes() : settings.memoryBudgetBytes();
        if (estimate > budget) {
            String styles = spec.estimatePixels() > (long) size[0] * size[1]
                    ? " with its style pictures at style scale " + spec.params().styleScale() : "";
            message.fail(413, "a " + size[0] + "x" + size[1] + " session" + styles + " needs about " + estimate / (1 << 20)
                    + " MB, more than this server's budget of " + budget / (1 << 20) + " MB");
            return;
        }
        if (!placement.layerNames().isEmpty()) {
            try {
                spec.params().checkLayers(placement.layerNames(), "this server's network");
            } catch (InputException e) {
                message.fail(400, e.getMessage());
                return;
            }
        }
        int perClient = settings.section("limits").getInteger("maxSessionsPerClient");
        long open = sessions.values().stream()
                .filter(s -> !s.state().finished() && java.util.Objects.equals(s.client, spec.client())).count();
        if (open >= perClient) {
            message.fail(429, "too many open sessions: at most " + perClient + " from one client; cancel one or wait for it to finish");
            return;
        }
        if (!placement.fits(estimate) && queue.size() >= settings.queueMax()) {
            message.fail(503, "the server is busy: " + queue.size() + " sessions are already waiting");
            return;
        }
        String token = Tokens.random128();
        Session session = new Session(Tokens.random128(), Tokens.hash(token), spec, estimate);
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

    /**
     * Starts queued sessions, in order, while the next one fits. Each placement is a new attempt:
     * the manager follows the events sent to that attempt's address only, and its worker learns the
     * attempt number with the spec.
     */
    private void admit() {
        while (!queue.isEmpty() && placement.fits(queue.peek().estimateBytes)) {
            Session session = queue.poll();
            session.moveTo(SessionState.RUNNING, null);
            session.slot = placement.take(session.estimateBytes);
            int attempt = ++session.attempt;
            SessionSpec spec = session.spec.assigned(session.id, session.ownerTokenHash, attempt);
            session.spec = spec;
            session.run = vertx.eventBus().consumer(Addresses.run(session.id, attempt), m -> onEvent(session, attempt, m.body()));
            Placement.Slot slot = session.slot;
            // to another node, the spec goes in its wire form, encoded off the event loop
            Future<Object> payload = slot.node().equals(settings.nodeId()) ? Future.succeededFuture(spec)
                    : vertx.executeBlocking(() -> SessionWire.encodeSpec(spec));
            session.run.completion().compose(v -> payload)
                    .compose(body -> vertx.eventBus().request(Addresses.worker(slot.node(), slot.worker()), body))
                    .onSuccess(started -> nodes.started(session, attempt))
                    .onFailure(e -> nodes.notStarted(session, attempt, e));
        }
        announceQueue();
    }

    /** Every queued session's viewers learn its new place. */
    private void announceQueue() {
        int position = 1;
        for (Session queued : queue) {
            toViewers(queued, queued.status(position++));
        }
    }

    /** An event of a session's current attempt: kept for its status, then passed on to its viewers here. */
    private void onEvent(Session session, int attempt, SessionEvent event) {
        if (attempt != session.attempt) {
            return;
        }
        if (event instanceof SessionEvent.Progress progress) {
            session.iteration = progress.iteration();
            session.losses = progress.losses();
        } else if (event instanceof SessionEvent.Frame frame) {
            session.latestFrame = frame;
        } else if (event instanceof SessionStatus status && status.state() != SessionState.QUEUED) {
            if (!session.state().canMoveTo(status.state())) {
                LOG.debug("session {}: ignoring {} while {}", session.id, status.state().id(), session.state().id());
                return;
            }
            session.moveTo(status.state(), status.message());
            if (status.state().finished()) {
                release(session);
            }
        }
        toViewers(session, event);
    }

    /** Publishes to the session's viewers on this node (they are all here: only this node serves the web). */
    void toViewers(Session session, SessionEvent event) {
        vertx.eventBus().publish(Addresses.events(session.id), event, LOCAL);
    }

    /** Ends a session that has not finished with a failure its viewers see. */
    void fail(Session session, String why) {
        if (!session.state().finished()) {
            session.moveTo(SessionState.FAILED, why);
            toViewers(session, session.status(0));
            release(session);
        }
    }

    /** Cancels a session still in the queue; its viewers see it. */
    void cancelQueued(Session session, String why) {
        queue.remove(session);
        session.spec = null;
        session.moveTo(SessionState.CANCELLED, why);
        toViewers(session, session.status(0));
        announceQueue();
    }

    /** Frees a finished session's worker slot, memory and checkpoint, and lets the queue move. */
    private void release(Session session) {
        leaveSlot(session);
        session.spec = null;
        files.delete(session);
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

    private void status(Message<String> message) {
        Session session = sessions.get(message.body());
        if (session == null) {
            message.fail(404, "no session " + InputException.describe(message.body()));
        } else {
            message.reply(session.status(queuePosition(session)));
        }
    }

    private void image(Message<String> message) {
        Session session = sessions.get(message.body());
        if (session == null || session.latestFrame == null) {
            message.fail(404, session == null ? "no session " + InputException.describe(message.body()) : "no image yet");
        } else {
            message.reply(session.latestFrame);
        }
    }

    /** The sessions whose owners put them on the class wall and that are not over, oldest first. */
    private void wall(Message<Object> message) {
        io.vertx.core.json.JsonArray wall = new io.vertx.core.json.JsonArray();
        for (Session s : sessions.values()) {
            if (s.spec != null && s.spec.listed() && !s.state().finished()) {
                wall.add(new JsonObject().put("id", s.id).put("state", s.state().id()).put("iteration", s.iteration)
                        .put("iterations", s.iterations).put("viewUrl", "/view/" + s.id));
            }
        }
        message.reply(wall);
    }

    private void health(Message<Object> message) {
        long running = sessions.values().stream()
                .filter(s -> s.state() == SessionState.RUNNING || s.state() == SessionState.PAUSED).count();
        message.reply(new JsonObject().put("model", settings.model()).put("defaults", placement.defaults())
                .put("backend", placement.backend())
                .put("workers", placement.workers())
                .put("running", running).put("queued", queue.size()).put("resumable", saved.count())
                .put("nodes", placement.describe()));
    }

    private void forgetOldSessions() {
        owners.forgetExpiredResumable();
        long cutoff = System.currentTimeMillis() - settings.retainFinishedMillis();
        sessions.values().removeIf(s -> {
            boolean old = s.state().finished() && s.finishedAt > 0 && s.finishedAt < cutoff;
            return old;
        });
    }
}
