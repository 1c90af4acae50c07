package io.stylecast.session;

import io.stylecast.engine.InputException;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.ControlRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What owners and viewers ask of the sessions in the {@link SessionManager}'s table: controls
 * (checked against the owner token), resuming and discarding saved sessions, viewers' seats, and
 * cancelling sessions nobody watches. Confined to the manager's event loop.
 */
final class OwnerRequests {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OwnerRequests.class);

    private final SessionManager manager;
    private final ServerSettings settings;
    private final SavedSessions saved;
    private EventBus bus;

    OwnerRequests(SessionManager manager, ServerSettings settings, SavedSessions saved) {
        this.manager = manager;
        this.settings = settings;
        this.saved = saved;
    }

    Future<?> register(EventBus eventBus) {
        bus = eventBus;
        return Future.join(List.of(
                bus.<ControlRequest>consumer(Addresses.CONTROL, this::control).completion(),
                bus.<JsonObject>consumer(Addresses.RESUME, this::resume).completion(),
                bus.<JsonObject>consumer(Addresses.AUTHORIZE, this::authorize).completion(),
                bus.<JsonObject>consumer(Addresses.VIEWERS, this::viewers).completion()));
    }

    private void control(Message<ControlRequest> message) {
        Control control = message.body().control();
        Session session = manager.find(control.sessionId());
        SessionState state = session == null ? null : session.state();
        if (session == null) {
            message.fail(404, "no session " + InputException.describe(control.sessionId()));
        } else if (!Tokens.matches(session.ownerTokenHash, message.body().ownerToken())) {
            message.fail(403, "only the session's owner can " + control.verb() + " it");
        } else if (state == SessionState.RESUMABLE && control instanceof Control.Cancel) {
            discard(session, "discarded by its owner");
            message.reply(session.status(0));
        } else if (state == SessionState.MOVED) {
            message.fail(409, "the session is moving to another worker; try again in a moment");
        } else if (state.finished() || state == SessionState.RESUMABLE) {
            message.fail(409, "the session is " + state.id()
                    + (state == SessionState.RESUMABLE ? "; POST /api/sessions/" + session.id + "/resume continues it" : ""));
        } else if (state == SessionState.QUEUED) {
            if (!(control instanceof Control.Cancel)) {
                message.fail(409, "the session is queued; it can only be cancelled until it starts");
                return;
            }
            manager.cancelQueued(session, null);
            message.reply(session.status(0));
        } else {
            bus.request(Addresses.worker(session.slot.node(), session.slot.worker()), control)
                    .onSuccess(reply -> message.reply(session.status(0)))
                    .onFailure(e -> message.fail(e instanceof ReplyException r ? r.failureCode() : 500, e.getMessage()));
        }
    }

    /** Continues a session saved by a shutdown from its checkpoint. */
    private void resume(Message<JsonObject> message) {
        String id = message.body().getString("id");
        Session placeholder = manager.find(id);
        ResumeFiles.Saved files = saved.get(id);
        if (placeholder == null || files == null || placeholder.state() != SessionState.RESUMABLE) {
            message.fail(404, "no resumable session " + InputException.describe(id));
            return;
        }
        if (!Tokens.matches(placeholder.ownerTokenHash, message.body().getString("token"))) {
            message.fail(403, "only the session's owner can resume it");
            return;
        }
        saved.continuation(files, message.body().getString("client")).onSuccess(spec -> {
            Session session = new Session(id, placeholder.ownerTokenHash, spec, settings.sessionMemory().bytes(spec.estimatePixels()));
            manager.enqueue(session);
            message.reply(session.status(manager.queuePosition(session)));
        }).onFailure(e -> {
            placeholder.moveTo(SessionState.FAILED, "its saved files are damaged; it cannot be continued");
            message.fail(500, "the saved session cannot be continued: " + (e instanceof InputException
                    ? e.getMessage() : "its saved files are damaged"));
        });
    }

    /**
     * Says whether a WebSocket is the owner's and gives it a seat among the session's viewers, refused
     * (429) past {@code limits.maxViewersPerSession}; the owner always gets one. The seat is given
     * back through {@link Addresses#VIEWERS} when the socket closes.
     */
    private void authorize(Message<JsonObject> message) {
        Session session = manager.find(message.body().getString("id"));
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

    private void viewers(Message<JsonObject> message) {
        Session session = manager.find(message.body().getString("id"));
        if (session != null) {
            session.viewers = Math.max(0, session.viewers + message.body().getInteger("delta", 0));
            session.unwatchedSince = System.currentTimeMillis();
        }
    }

    /** Cancels sessions that have had no viewer for {@code sessions.cancelWithoutViewersSeconds}. */
    void cancelUnwatched() {
        long cutoff = System.currentTimeMillis() - settings.cancelUnwatchedMillis();
        String why = "cancelled: nobody watched it for " + settings.cancelUnwatchedMillis() / 1000 + " s";
        for (Session session : manager.all()) {
            if (session.viewers == 0 && session.unwatchedSince < cutoff && !session.state().finished()) {
                if (session.state() == SessionState.QUEUED) {
                    manager.cancelQueued(session, why);
                } else if (session.state() == SessionState.RUNNING || session.state() == SessionState.PAUSED) {
                    session.moveTo(session.state(), why);
                    bus.request(Addresses.worker(session.slot.node(), session.slot.worker()), new Control.Cancel(session.id));
                }
            }
        }
    }

    /** Forgets a saved session and deletes its files: its owner discarded it, or it expired. */
    private void discard(Session session, String why) {
        saved.discard(session.id);
        session.moveTo(SessionState.CANCELLED, why);
    }

    /** Saved sessions nobody resumed within {@code sessions.resumableDays} are deleted. */
    void forgetExpiredResumable() {
        for (ResumeFiles.Saved expired : saved.expired()) {
            LOG.info("saved session {} expired: not resumed within {} days", expired.id(), saved.maxAgeDays());
            discard(manager.find(expired.id()), "expired: not resumed within " + saved.maxAgeDays() + " days");
        }
    }
}
