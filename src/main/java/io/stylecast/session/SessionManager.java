package io.stylecast.session;

import io.stylecast.engine.InputException;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Owns the session table, admission and placement, on one event loop. A new session runs at once on
 * the least loaded worker if its estimated memory fits the budget, else it waits in the queue (up to
 * {@code queue.max}, past which creation is refused with 503). It follows each session's events to
 * keep its state, losses and latest frame, and starts queued sessions as others finish. What owners
 * and viewers ask of a session is answered by its {@link OwnerRequests}.
 */
public final class SessionManager extends VerticleBase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionManager.class);

    private final ServerSettings settings;
    private final StylecastMetrics metrics;
    private final Map<String, Session> sessions = new HashMap<>();
    private final ArrayDeque<Session> queue = new ArrayDeque<>();
    private Placement placement;
    private SavedSessions saved;
    private OwnerRequests owners;

    public SessionManager(ServerSettings settings, StylecastMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        io.stylecast.metrics.EventLoopWatch.start(vertx, metrics, "sessions");
        placement = new Placement(settings.workers(), settings.memoryBudgetBytes());
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
        return Future.join(List.of(loaded,
                bus.<SessionSpec>consumer(Addresses.CREATE, this::create).completion(),
                bus.<String>consumer(Addresses.STATUS, this::status).completion(),
                bus.<String>consumer(Addresses.IMAGE, this::image).completion(),
                bus.<JsonObject>consumer(Addresses.WORKER_LOST, this::workerLost).completion(),
                bus.<SessionCheckpoint>consumer(Addresses.CHECKPOINT, this::checkpoint).completion(),
                bus.consumer(Addresses.HEALTH, this::health).completion(),
                owners.register(bus)));
    }

    private void create(Message<SessionSpec> message) {
        SessionSpec spec = message.body();
        int[] size = spec.size();
        long estimate = (long) size[0] * size[1] * settings.bytesPerPixel();
        if (estimate > settings.memoryBudgetBytes()) {
            message.fail(413, "a " + size[0] + "x" + size[1] + " session needs about " + estimate / (1 << 20)
                    + " MB, more than this server's budget of " + settings.memoryBudgetBytes() / (1 << 20) + " MB");
            return;
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
        enqueue(session).onComplete(ignored -> message.reply(new SessionTicket(session.id, token)));
    }

    /** Adds a session to the table and the queue, follows its events, and lets the queue move. */
    Future<Void> enqueue(Session session) {
        sessions.put(session.id, session);
        session.events = vertx.eventBus().consumer(Addresses.events(session.id), m -> onEvent(session, m.body()));
        queue.add(session);
        return session.events.completion().onComplete(ignored -> admit());
    }

    /** Starts queued sessions, in order, while the next one fits. */
    private void admit() {
        while (!queue.isEmpty() && placement.fits(queue.peek().estimateBytes)) {
            Session session = queue.poll();
            session.moveTo(SessionState.RUNNING, null);
            session.worker = placement.take(session.estimateBytes);
            SessionSpec spec = session.spec.assigned(session.id, session.ownerTokenHash);
            session.spec = spec;
            vertx.eventBus().request(Addresses.worker(session.worker), spec)
                    .onFailure(e -> fail(session, "no worker took it: " + e.getMessage()));
        }
        announceQueue();
    }

    /** Every queued session's viewers learn its new place. */
    private void announceQueue() {
        int position = 1;
        for (Session queued : queue) {
            vertx.eventBus().publish(Addresses.events(queued.id), queued.status(position++));
        }
    }

    private void onEvent(Session session, SessionEvent event) {
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
    }

    /** Ends a session that has not finished with a failure its viewers see. */
    void fail(Session session, String why) {
        if (!session.state().finished()) {
            session.moveTo(SessionState.FAILED, why);
            vertx.eventBus().publish(Addresses.events(session.id), session.status(0));
            release(session);
        }
    }

    /** Cancels a session still in the queue; its viewers see it. */
    void cancelQueued(Session session, String why) {
        queue.remove(session);
        session.spec = null;
        session.moveTo(SessionState.CANCELLED, why);
        vertx.eventBus().publish(Addresses.events(session.id), session.status(0));
        announceQueue();
    }

    /** Frees a finished session's worker slot, memory and checkpoint, and lets the queue move. */
    private void release(Session session) {
        if (session.worker >= 0) {
            placement.give(session.worker, session.estimateBytes);
            session.worker = -1;
        }
        session.spec = null;
        onDisk(session, () -> ResumeFiles.delete(ResumeFiles.directory(settings.outputDirectory(), session.id)));
        admit();
    }

    /** Writes the latest checkpoint of a session that runs, after any write of its before. */
    private void checkpoint(Message<SessionCheckpoint> message) {
        SessionCheckpoint checkpoint = message.body();
        Session session = sessions.get(checkpoint.sessionId());
        if (session == null || session.spec == null || session.state().finished()) {
            checkpoint.checkpoint().release();
            return;
        }
        SessionSpec spec = session.spec;
        onDisk(session, () -> {
            try {
                ResumeFiles.save(ResumeFiles.directory(settings.outputDirectory(), session.id), spec, checkpoint.checkpoint(), null);
            } finally {
                checkpoint.checkpoint().release();
            }
        });
    }

    /** Runs a session's file work off the event loop, in the order it was asked for. */
    private void onDisk(Session session, Session.FileWork work) {
        session.fileWork = session.fileWork.compose(v -> vertx.<Void>executeBlocking(() -> {
            work.run();
            return null;
        })).recover(e -> {
            LOG.warn("session {}: {}", session.id, e.toString());
            return Future.succeededFuture();
        });
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

    private void health(Message<Object> message) {
        long running = sessions.values().stream()
                .filter(s -> s.state() == SessionState.RUNNING || s.state() == SessionState.PAUSED).count();
        message.reply(new JsonObject().put("model", settings.model()).put("workers", placement.workers())
                .put("running", running).put("queued", queue.size()).put("resumable", saved.count()));
    }

    /** A worker is gone: its sessions fail, and its slot is free again once it is redeployed. */
    private void workerLost(Message<JsonObject> message) {
        int worker = message.body().getInteger("worker");
        for (Session session : all()) {
            if (session.worker == worker) {
                fail(session, "its worker stopped; start the session again");
            }
        }
    }

    private void forgetOldSessions() {
        owners.forgetExpiredResumable();
        long cutoff = System.currentTimeMillis() - settings.retainFinishedMillis();
        sessions.values().removeIf(s -> {
            boolean old = s.state().finished() && s.finishedAt > 0 && s.finishedAt < cutoff;
            if (old && s.events != null) {
                s.events.unregister();
            }
            return old;
        });
    }
}
