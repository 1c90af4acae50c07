package io.stylecast.session.manager;

import io.stylecast.engine.InputException;
import io.stylecast.session.Addresses;
import io.stylecast.session.ResumeFiles;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.ControlRequest;
import io.stylecast.session.protocol.Refusal;
import io.stylecast.session.protocol.ResumeRequest;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.SessionStatus;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * What owners ask of the sessions in the {@link SessionTable}: controls (checked against the owner token), and
 * resuming and discarding saved sessions. Confined to the manager's event loop.
 * <p>
 * A control's reply says what it did. A session's controls go to its worker one at a time, in order, and the
 * worker's answer (the session's state after it) is the reply; a control for a session whose worker has yet to
 * take it, or that is moving (off a lost node, or waiting to run again), waits and goes where the session lands. A
 * cancel that its worker does not answer is carried out here: the session is cancelled, and its run is stopped when
 * its node is heard from again.
 */
final class OwnerRequests implements SessionTable.Listener {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OwnerRequests.class);
    /** How long a worker has to answer a cancel before the manager cancels the session itself. */
    static final long CANCEL_TIMEOUT_MILLIS = 10_000;
    /** How long a worker has to answer another control; it reads its inbox between iterations. */
    static final long CONTROL_TIMEOUT_MILLIS = 60_000;

    private final SessionTable table;
    private final EventBus bus;
    private final Settings settings;
    private final SavedSessions saved;
    /** Resumes of saved sessions that a worker node may still run, waiting to hear whether one does. */
    private final List<Message<ResumeRequest>> heldResumes = new ArrayList<>();

    OwnerRequests(SessionTable table, EventBus bus, Settings settings, SavedSessions saved) {
        this.table = table;
        this.bus = bus;
        this.settings = settings;
        this.saved = saved;
    }

    Future<?> register(ClusterConsumers consumers) {
        return Future.join(List.of(
                consumers.<ControlRequest>add(Addresses.CONTROL, this::control),
                consumers.<ResumeRequest>add(Addresses.RESUME, this::resume)));
    }

    private void control(Message<ControlRequest> message) {
        Control control = message.body().control();
        Session session = table.find(control.sessionId());
        if (session == null) {
            Refusal.UNKNOWN_SESSION.fail(message, "no session " + InputException.describe(control.sessionId()));
        } else if (!Tokens.matches(session.ownerTokenHash, message.body().ownerToken())) {
            Refusal.NOT_OWNER.fail(message, "only the session's owner can " + control.verb() + " it");
        } else {
            session.controls.add(message);
            next(session);
        }
    }

    /** A session that ended answers its waiting controls (each hears that it ended). */
    @Override
    public void released(Session session) {
        next(session);
    }

    /**
     * Answers the session's waiting controls in order, as far as it can now: one at a time goes to its worker, and
     * none while its worker has yet to take it or it is moving (a cancel excepted: a moving session is cancelled here).
     */
    void next(Session session) {
        while (!session.controlAtWorker && !session.controls.isEmpty()) {
            Message<ControlRequest> message = session.controls.peek();
            Control control = message.body().control();
            SessionState state = session.state();
            boolean cancel = control instanceof Control.Cancel;
            // a session that ran before and waits to run again is moving: its owner's controls wait for it to land
            boolean moving = state == SessionState.MOVED || state == SessionState.QUEUED && session.attempt() > 0;
            // saved by a table's node that went away: a worker node may still run it, and says so within seconds
            boolean unclaimed = state == SessionState.RESUMABLE && saved.mayStillRun(session.id);
            boolean waits = session.starting() && session.placed() || session.controlsWait && session.placed()
                    || moving && !cancel || unclaimed;
            if (!state.finished() && waits) {
                return;
            }
            session.controls.poll();
            if (!state.allows(control)) {
                Refusal.WRONG_STATE.fail(message, refusal(session, control));
            } else if (state == SessionState.RESUMABLE) {
                saved.discard(session.id, SessionState.CANCELLED, session.iteration(), "discarded by its owner");
                session.moveTo(SessionState.CANCELLED, "discarded by its owner");
                message.reply(session.status(0));
            } else if (state == SessionState.QUEUED || state == SessionState.MOVED) {
                table.cancelQueued(session, null);
                message.reply(session.status(0));
            } else {
                toWorker(session, message);
            }
        }
    }

    /** Why a control does not apply to the session in its state ({@link SessionState#allows}), and what would. */
    private static String refusal(Session session, Control control) {
        SessionState state = session.state();
        if (state == SessionState.RESUMABLE) {
            return "the session is resumable; POST /api/sessions/" + session.id + "/resume continues it";
        } else if (state == SessionState.QUEUED) {
            return "the session is queued; it can only be cancelled until it starts";
        } else if (state.finished()) {
            return "the session is " + state.id();
        }
        return "cannot " + control.verb() + " a session that is " + state.id();
    }

    private void toWorker(Session session, Message<ControlRequest> message) {
        Control control = message.body().control();
        boolean cancel = control instanceof Control.Cancel;
        session.controlAtWorker = true;
        Placement.Slot slot = session.slot();
        bus.<SessionStatus>request(Addresses.worker(slot.node(), slot.worker()), control,
                        new DeliveryOptions().setSendTimeout(cancel ? CANCEL_TIMEOUT_MILLIS : CONTROL_TIMEOUT_MILLIS))
                .onComplete(answer -> {
                    if (answer.succeeded()) {
                        // answered once the session is in the state the worker reports (a cancelled one, once ended here)
                        table.fromWorker(session, answer.result().body()).onComplete(applied -> {
                            session.controlAtWorker = false;
                            message.reply(session.status(0));
                            next(session);
                        });
                    } else {
                        session.controlAtWorker = false;
                        notAnswered(session, message, answer.cause());
                        next(session);
                    }
                });
    }

    /**
     * The worker refused the control (its answer is the owner's), or it did not answer. A cancel is then carried out
     * here. Another control that found nobody there waits for the session's node to be heard from, or for the
     * session to land elsewhere; one whose worker took too long is refused as unavailable (it may yet be applied).
     */
    private void notAnswered(Session session, Message<ControlRequest> message, Throwable failure) {
        ReplyFailure type = failure instanceof ReplyException r ? r.failureType() : null;
        Refusal refused = Refusal.of(failure);
        if (refused != null && refused != Refusal.UNKNOWN_SESSION) {
            refused.fail(message, failure.getMessage());
        } else if (session.state().finished() || !session.placed()) {
            session.controls.addFirst(message);   // it ended or moved meanwhile: answered anew
        } else if (message.body().control() instanceof Control.Cancel) {
            LOG.info("session {}: its worker on node {} did not answer a cancel ({}); cancelled here", session.id,
                    session.slot().node(), failure.getMessage());
            table.end(session, SessionState.CANCELLED, null);
            message.reply(session.status(0));
        } else if (type == ReplyFailure.NO_HANDLERS) {
            session.controls.addFirst(message);
            session.controlsWait = true;
        } else {
            Refusal.UNAVAILABLE.fail(message, "the session's worker did not answer in time; try again");
        }
    }

    /** The session's node was heard from: controls that found no one there go again. */
    void retry(Session session) {
        if (session.controlsWait) {
            session.controlsWait = false;
            next(session);
        }
    }

    /** A session that was paused when its node was lost is paused again where it landed, before its owner's controls. */
    void pauseAgain(Session session) {
        session.controlAtWorker = true;
        Placement.Slot slot = session.slot();
        bus.<SessionStatus>request(Addresses.worker(slot.node(), slot.worker()), new Control.Pause(session.id))
                .onComplete(answer -> {
                    Future<Void> applied = answer.succeeded() ? table.fromWorker(session, answer.result().body())
                            : Future.succeededFuture();
                    applied.onComplete(v -> {
                        session.controlAtWorker = false;
                        next(session);
                    });
                });
    }

    /** Continues a session from before this start from its folder. */
    private void resume(Message<ResumeRequest> message) {
        String id = message.body().sessionId();
        Session placeholder = table.find(id);
        ResumeFiles.Saved files = saved.get(id);
        if (placeholder == null || files == null || placeholder.state() != SessionState.RESUMABLE) {
            Refusal.UNKNOWN_SESSION.fail(message, "no resumable session " + InputException.describe(id));
            return;
        }
        if (!Tokens.matches(placeholder.ownerTokenHash, message.body().ownerToken())) {
            Refusal.NOT_OWNER.fail(message, "only the session's owner can resume it");
            return;
        }
        if (saved.mayStillRun(id)) {
            heldResumes.add(message);   // continued from its checkpoint, it would go back; its node may have it still
            return;
        }
        saved.continuation(files, message.body().client()).onSuccess(spec -> {
            Session session = placeholder.resumed(spec, settings.sessionMemory().bytes(spec.estimatePixels()));
            table.enqueue(session);
            message.reply(table.status(session));
        }).onFailure(e -> {
            placeholder.moveTo(SessionState.FAILED, "its saved files are damaged; it cannot be continued");
            Refusal.FAILED.fail(message, "the saved session cannot be continued: " + (e instanceof InputException
                    ? e.getMessage() : "its saved files are damaged"));
        });
    }

    /**
     * A saved session a worker node may have still run was taken back by it, or ended there, or no node claimed it in
     * time: its owner's waiting resumes and controls are answered now. A resume of a session its node took back is
     * answered with its status (it continues, where it was).
     */
    void claimed(Session session) {
        List<Message<ResumeRequest>> waiting = heldResumes.stream()
                .filter(m -> m.body().sessionId().equals(session.id)).toList();
        heldResumes.removeAll(waiting);
        for (Message<ResumeRequest> message : waiting) {
            SessionState state = session.state();
            if (state == SessionState.RESUMABLE) {
                resume(message);
            } else if (state.finished()) {
                Refusal.WRONG_STATE.fail(message, "the session is " + state.id());
            } else {
                message.reply(table.status(session));
            }
        }
        next(session);
    }

    /** The worker nodes had their time to take back the saved sessions they still run: the others wait for their owners. */
    void nodesHeard() {
        for (String id : saved.unclaimed()) {
            Session session = table.find(id);
            if (session != null) {
                claimed(session);
            }
        }
    }

    /** Saved sessions nobody resumed within {@code sessions.resumableDays} are deleted. */
    void forgetExpiredResumable() {
        for (ResumeFiles.Saved expired : saved.expired()) {
            LOG.info("saved session {} expired: not resumed within {} days", expired.id(), saved.maxAgeDays());
            String why = "expired: not resumed within " + saved.maxAgeDays() + " days";
            Session session = table.find(expired.id());
            saved.discard(expired.id(), SessionState.CANCELLED, session.iteration(), why);
            session.moveTo(SessionState.CANCELLED, why);
        }
    }
}
