package io.stylecast.session;

import io.stylecast.engine.InputException;
import io.stylecast.metrics.StylecastMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Owns the session table and the queue, on one event loop. A new session runs at once on the least
 * loaded worker if its estimated memory fits the budget, else it waits in the queue (up to
 * {@code queue.max}, past which creation is refused with 503). It follows each session's events to
 * keep its state, losses and latest frame, and starts queued sessions as others finish.
 */
public final class SessionManager extends VerticleBase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionManager.class);

    private final ServerSettings settings;
    private final StylecastMetrics metrics;
    private final Map<String, Session> sessions = new HashMap<>();
    private SavedSessions saved;
    private final ArrayDeque<Session> queue = new ArrayDeque<>();
    private int[] workerLoad;
    private long usedBytes;

    public SessionManager(ServerSettings settings, StylecastMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        io.stylecast.metrics.EventLoopWatch.start(vertx, metrics, "sessions");
        workerLoad = new int[settings.workers()];
        for (SessionState state : SessionState.values()) {
            metrics.sessionsGauge(state.id(), () -> sessions.values().stream().filter(s -> s.state == state).count());
        }
        vertx.setPeriodic(60_000, id -> forgetOldSessions());
        if (settings.cancelUnwatchedMillis() > 0) {
            vertx.setPeriodic(Math.min(1000, settings.cancelUnwatchedMillis()), id -> cancelUnwatched());
        }
        var bus = vertx.eventBus();
        saved = new SavedSessions(vertx, settings);
        Future<?> loaded = saved.load().onSuccess(found -> {
            found.forEach(s -> sessions.put(s.id(), new Session(s)));
            forgetExpiredResumable();
        });
        return Future.join(List.of(loaded,
                bus.<JsonObject>consumer(Addresses.RESUME, this::resume).completion(),
                bus.<SessionSpec>consumer(Addresses.CREATE, this::create).completion(),
                bus.<String>consumer(Addresses.STATUS, this::status).completion(),
                bus.<String>consumer(Addresses.IMAGE, this::image).completion(),
                bus.<JsonObject>consumer(Addresses.CONTROL, this::control).completion(),
                bus.<JsonObject>consumer(Addresses.AUTHORIZE, this::authorize).completion(),
                bus.<JsonObject>consumer(Addresses.VIEWERS, this::viewers).completion(),
                bus.<JsonObject>consumer(Addresses.WORKER_LOST, this::workerLost).completion(),
                bus.consumer(Addresses.HEALTH, this::health).completion()));
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
        long open = sessions.values().stream().filter(s -> !s.state.finished() && java.util.Objects.equals(s.client, spec.client())).count();
        if (open >= perClient) {
            message.fail(429, "too many open sessions: at most " + perClient + " from one client; cancel one or wait for it to finish");
            return;
        }
        if (!fits(estimate) && queue.size() >= settings.queueMax()) {
            message.fail(503, "the server is busy: " + queue.size() + " sessions are already waiting");
            return;
        }
        String token = Tokens.random128();
        Session session = new Session(Tokens.random128(), Tokens.hash(token), spec, estimate);
        enqueue(session).onComplete(ignored -> message.reply(new SessionTicket(session.id, token)));
    }

    /** Adds a session to the table and the queue, follows its events, and lets the queue move. */
    private Future<Void> enqueue(Session session) {
        sessions.put(session.id, session);
        session.events = vertx.eventBus().consumer(Addresses.events(session.id), m -> onEvent(session, m));
        queue.add(session);
        return session.events.completion().onComplete(ignored -> admit());
    }

    /** Continues a session saved by a shutdown, from its latest image, for the iterations it had left. */
    private void resume(Message<JsonObject> message) {
        String id = message.body().getString("id");
        Session placeholder = sessions.get(id);
        ResumeFiles.Saved files = saved.get(id);
        if (placeholder == null || files == null || placeholder.state != SessionState.RESUMABLE) {
            message.fail(404, "no resumable session " + InputException.describe(id));
            return;
        }
        if (!Tokens.matches(placeholder.ownerTokenHash, message.body().getString("token"))) {
            message.fail(403, "only the session's owner can resume it");
            return;
        }
        saved.continuation(files, message.body().getString("client")).onSuccess(spec -> {
            int[] size = spec.size();
            Session session = new Session(id, placeholder.ownerTokenHash, spec, (long) size[0] * size[1] * settings.bytesPerPixel());
            enqueue(session).onComplete(ignored -> message.reply(session.status(queuePosition(session))));
        }).onFailure(e -> {
            placeholder.state = SessionState.FAILED;
            placeholder.message = "its saved files are damaged; it cannot be continued";
            placeholder.finishedAt = System.currentTimeMillis();
            message.fail(500, "the saved session cannot be continued: " + (e instanceof InputException
                    ? e.getMessage() : "its saved files are damaged"));
        });
    }

    private boolean fits(long estimate) {
        return usedBytes + estimate <= settings.memoryBudgetBytes();
    }

    /** Starts queued sessions, in order, while the next one fits. */
    private void admit() {
        while (!queue.isEmpty() && fits(queue.peek().estimateBytes)) {
            Session session = queue.poll();
            int worker = 0;
            for (int w = 1; w < workerLoad.length; w++) {
                worker = workerLoad[w] < workerLoad[worker] ? w : worker;
            }
            session.worker = worker;
            session.state = SessionState.RUNNING;
            workerLoad[worker]++;
            usedBytes += session.estimateBytes;
            SessionSpec spec = session.spec.assigned(session.id, session.ownerTokenHash);
            session.spec = null;
            vertx.eventBus().request(Addresses.worker(worker), spec).onFailure(e -> release(session, "no worker took it: " + e.getMessage()));
        }
        announceQueue();
    }

    private void announceQueue() {
        int position = 1;
        for (Session queued : queue) {
            vertx.eventBus().publish(Addresses.events(queued.id), queued.status(position++).put("type", "status"));
        }
    }

    private void onEvent(Session session, Message<Object> event) {
        if (event.body() instanceof Buffer frame) {
            session.latestFrame = frame;
            session.latestFormat = event.headers().get("format");
            return;
        }
        if (!(event.body() instanceof JsonObject json)) {
            return;
        }
        switch (json.getString("type", "")) {
            case "progress" -> {
                session.iteration = json.getInteger("iteration");
                session.losses = new JsonObject().put("content", json.getValue("contentLoss"))
                        .put("style", json.getValue("styleLoss")).put("tv", json.getValue("tvLoss"))
                        .put("total", json.getValue("totalLoss"));
            }
            case "status" -> {
                if (json.containsKey("message")) {
                    session.message = json.getString("message");
                }
                SessionState state = SessionState.valueOf(json.getString("state").toUpperCase(java.util.Locale.ROOT));
                if (state.finished() && !session.state.finished()) {
                    session.state = state;
                    release(session, null);
                } else if (!session.state.finished()) {
                    session.state = state;
                }
            }
            default -> { }
        }
    }

    /** Frees a finished session's worker slot and memory, and lets the queue move. */
    private void release(Session session, String failure) {
        if (failure != null) {
            session.state = SessionState.FAILED;
            session.message = failure;
        }
        session.finishedAt = System.currentTimeMillis();
        if (session.worker >= 0) {
            workerLoad[session.worker]--;
            usedBytes -= session.estimateBytes;
            session.worker = -1;
        }
        admit();
    }

    private void status(Message<String> message) {
        Session session = sessions.get(message.body());
        if (session == null) {
            message.fail(404, "no session " + InputException.describe(message.body()));
        } else {
            message.reply(session.status(queuePosition(session)));
        }
    }

    private int queuePosition(Session session) {
        int position = 1;
        for (Session queued : queue) {
            if (queued == session) {
                return position;
            }
            position++;
        }
        return 0;
    }

    private void image(Message<String> message) {
        Session session = sessions.get(message.body());
        if (session == null || session.latestFrame == null) {
            message.fail(404, session == null ? "no session " + InputException.describe(message.body()) : "no image yet");
        } else {
            message.reply(session.latestFrame, new DeliveryOptions().addHeader("format", session.latestFormat)
                    .addHeader("iteration", Integer.toString(session.iteration)));
        }
    }

    /**
     * Says whether a WebSocket is the owner's and gives it a seat among the session's viewers, refused
     * (429) past {@code limits.maxViewersPerSession}; the owner always gets one. The seat is given
     * back through {@link Addresses#VIEWERS} when the socket closes.
     */
    private void authorize(Message<JsonObject> message) {
        Session session = sessions.get(message.body().getString("id"));
        if (session == null) {
            message.fail(404, "no session " + InputException.describe(message.body().getString("id")));
            return;
        }
        boolean owner = Tokens.matches(session.ownerTokenHash, message.body().getString("token"));
        int max = settings.section("limits").getInteger("maxViewersPerSession");
        if (!owner && session.viewers >= max) {
            message.fail(429, "this session already has its maximum of " + max + " viewers");
            return;
        }
        session.viewers++;
        session.unwatchedSince = System.currentTimeMillis();
        message.reply(new JsonObject().put("owner", owner));
    }

    private void control(Message<JsonObject> message) {
        JsonObject control = message.body();
        Session session = sessions.get(control.getString("id"));
        if (session == null) {
            message.fail(404, "no session " + InputException.describe(control.getString("id")));
        } else if (!Tokens.matches(session.ownerTokenHash, control.getString("token"))) {
            message.fail(403, "only the session's owner can " + control.getValue("type") + " it");
        } else if (session.state == SessionState.RESUMABLE && "cancel".equals(control.getValue("type"))) {
            discard(session, "discarded by its owner");
            message.reply(session.status(0));
        } else if (session.state.finished() || session.state == SessionState.RESUMABLE) {
            message.fail(409, "the session is " + session.state.id()
                    + (session.state == SessionState.RESUMABLE ? "; POST /api/sessions/" + session.id + "/resume continues it" : ""));
        } else if (session.state == SessionState.QUEUED) {
            controlQueued(session, control, message);
        } else {
            JsonObject forward = control.copy();
            forward.remove("token");
            vertx.eventBus().<JsonObject>request(Addresses.worker(session.worker), forward)
                    .onSuccess(reply -> message.reply(session.status(0)))
                    .onFailure(e -> message.fail(e instanceof io.vertx.core.eventbus.ReplyException r ? r.failureCode() : 500,
                            e.getMessage()));
        }
    }

    private void controlQueued(Session session, JsonObject control, Message<JsonObject> message) {
        if (!"cancel".equals(control.getValue("type"))) {
            message.fail(409, "the session is queued; it can only be cancelled until it starts");
            return;
        }
        queue.remove(session);
        session.spec = null;
        session.state = SessionState.CANCELLED;
        session.finishedAt = System.currentTimeMillis();
        vertx.eventBus().publish(Addresses.events(session.id), session.status(0).put("type", "status"));
        announceQueue();
        message.reply(session.status(0));
    }

    private void health(Message<Object> message) {
        long running = sessions.values().stream().filter(s -> s.state == SessionState.RUNNING || s.state == SessionState.PAUSED).count();
        message.reply(new JsonObject().put("model", settings.model()).put("workers", workerLoad.length)
                .put("running", running).put("queued", queue.size()).put("resumable", saved.count()));
    }

    /** A worker is gone: its sessions fail, and its slot is free again once it is redeployed. */
    private void workerLost(Message<JsonObject> message) {
        int worker = message.body().getInteger("worker");
        for (Session session : List.copyOf(sessions.values())) {
            if (session.worker == worker && !session.state.finished()) {
                session.state = SessionState.FAILED;
                session.message = "its worker stopped; start the session again";
                vertx.eventBus().publish(Addresses.events(session.id), session.status(0).put("type", "status"));
                release(session, null);
            }
        }
    }

    private void viewers(Message<JsonObject> message) {
        Session session = sessions.get(message.body().getString("id"));
        if (session != null) {
            session.viewers = Math.max(0, session.viewers + message.body().getInteger("delta", 0));
            session.unwatchedSince = System.currentTimeMillis();
        }
    }

    /** Cancels sessions that have had no viewer for {@code sessions.cancelWithoutViewersSeconds}. */
    private void cancelUnwatched() {
        long cutoff = System.currentTimeMillis() - settings.cancelUnwatchedMillis();
        for (Session session : List.copyOf(sessions.values())) {
            if (session.viewers == 0 && session.unwatchedSince < cutoff && !session.state.finished()) {
                session.message = "cancelled: nobody watched it for " + settings.cancelUnwatchedMillis() / 1000 + " s";
                if (session.state == SessionState.QUEUED) {
                    queue.remove(session);
                    session.spec = null;
                    session.state = SessionState.CANCELLED;
                    session.finishedAt = System.currentTimeMillis();
                    announceQueue();
                } else {
                    vertx.eventBus().request(Addresses.worker(session.worker),
                            new JsonObject().put("id", session.id).put("type", "cancel"));
                }
            }
        }
    }

    /** Forgets a saved session and deletes its files: its owner discarded it, or it expired. */
    private void discard(Session session, String why) {
        saved.discard(session.id);
        session.state = SessionState.CANCELLED;
        session.message = why;
        session.finishedAt = System.currentTimeMillis();
    }

    /** Saved sessions nobody resumed within {@code sessions.resumableDays} are deleted. */
    private void forgetExpiredResumable() {
        for (ResumeFiles.Saved expired : saved.expired()) {
            LOG.info("saved session {} expired: not resumed within {} days", expired.id(), saved.maxAgeDays());
            discard(sessions.get(expired.id()), "expired: not resumed within " + saved.maxAgeDays() + " days");
        }
    }

    private void forgetOldSessions() {
        forgetExpiredResumable();
        long cutoff = System.currentTimeMillis() - settings.retainFinishedMillis();
        sessions.values().removeIf(s -> {
            boolean old = s.state.finished() && s.finishedAt > 0 && s.finishedAt < cutoff;
            if (old && s.events != null) {
                s.events.unregister();
            }
            return old;
        });
    }
}
