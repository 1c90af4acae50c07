package io.stylecast.session.manager;

import io.stylecast.engine.InputException;
import io.stylecast.session.Addresses;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.Refusal;
import io.stylecast.session.protocol.Seats;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.List;

/**
 * The viewers of the sessions in the {@link SessionTable}: a seat for each WebSocket, up to
 * {@code limits.maxViewersPerSession} (the owner's always), given back when it closes; and sessions nobody watches,
 * cancelled after {@code sessions.cancelWithoutViewersSeconds}. Confined to the manager's event loop.
 */
final class ViewerSeats {

    private final SessionTable table;
    private final EventBus bus;
    private final Settings settings;
    private final Clock clock;

    ViewerSeats(SessionTable table, EventBus bus, Settings settings, Clock clock) {
        this.table = table;
        this.bus = bus;
        this.settings = settings;
        this.clock = clock;
    }

    Future<?> register(ClusterConsumers consumers) {
        return Future.join(List.of(
                consumers.<Seats.Request>add(Addresses.AUTHORIZE, this::authorize),
                consumers.<Seats.Returned>add(Addresses.VIEWERS, this::viewers)));
    }

    /**
     * Says whether a WebSocket is the owner's and gives it a seat among the session's viewers, refused
     * past {@code limits.maxViewersPerSession}; the owner always gets one. The seat is given back through
     * {@link Addresses#VIEWERS} when the socket closes.
     */
    private void authorize(Message<Seats.Request> message) {
        Session session = table.find(message.body().sessionId());
        if (session == null) {
            Refusal.UNKNOWN_SESSION.fail(message, "no session " + InputException.describe(message.body().sessionId()));
            return;
        }
        boolean owner = Tokens.matches(session.ownerTokenHash, message.body().ownerToken());
        int max = settings.limits().maxViewersPerSession();
        if (!owner && session.viewers >= max) {
            Refusal.TOO_MANY.fail(message, "this session already has its maximum of " + max + " viewers");
            return;
        }
        session.viewers++;
        session.unwatchedSince = clock.millis();
        message.reply(new Seats.Seat(owner));
    }

    private void viewers(Message<Seats.Returned> message) {
        Session session = table.find(message.body().sessionId());
        if (session != null) {
            session.viewers = Math.max(0, session.viewers - 1);
            session.unwatchedSince = clock.millis();
        }
    }

    /** Cancels sessions that have had no viewer for {@code sessions.cancelWithoutViewersSeconds}. */
    void cancelUnwatched() {
        long cutoff = clock.millis() - settings.sessions().cancelUnwatchedMillis();
        String why = "cancelled: nobody watched it for " + settings.sessions().cancelUnwatchedMillis() / 1000 + " s";
        for (Session session : table.all()) {
            if (session.viewers == 0 && session.unwatchedSince < cutoff && !session.state().finished()) {
                if (session.state() == SessionState.QUEUED || session.state() == SessionState.MOVED) {
                    table.cancelQueued(session, why);
                } else if (session.placed()) {
                    Placement.Slot slot = session.slot();
                    table.end(session, SessionState.CANCELLED, why);
                    bus.send(Addresses.worker(slot.node(), slot.worker()), new Control.Cancel(session.id));
                }
            }
        }
    }
}
