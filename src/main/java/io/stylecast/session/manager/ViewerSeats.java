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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The viewers of the sessions in the {@link SessionTable}: a seat for each WebSocket, up to
 * {@code limits.maxViewersPerSession} (the owner's always), given back when it closes; and sessions nobody watches,
 * cancelled after {@code sessions.cancelWithoutViewersSeconds}. In a cluster every web node also says how many
 * viewers it has of each session ({@link Seats.Census}, each heartbeat): a table that took over from a web node that
 * went away did not give the seats of the viewers who stayed on the other web nodes, and learns of them from that.
 * Confined to the manager's event loop.
 */
final class ViewerSeats {

    /** A web node's census counts until this many of its heartbeats pass without another. */
    private static final int CENSUS_BEATS = 3;

    private final SessionTable table;
    private final EventBus bus;
    private final Settings settings;
    private final Clock clock;
    /** The latest census of each web node's HTTP verticle, and when it came. */
    private final Map<String, Heard> censuses = new HashMap<>();

    private record Heard(Map<String, Integer> viewers, long atMillis) {
    }

    ViewerSeats(SessionTable table, EventBus bus, Settings settings, Clock clock) {
        this.table = table;
        this.bus = bus;
        this.settings = settings;
        this.clock = clock;
    }

    Future<?> register(ClusterConsumers consumers) {
        return Future.join(List.of(
                consumers.<Seats.Request>add(Addresses.AUTHORIZE, this::authorize),
                consumers.<Seats.Returned>add(Addresses.VIEWERS, this::viewers),
                consumers.<Seats.Census>add(Addresses.CENSUS, this::census)));
    }

    /** A web node's viewers now: a session it has viewers of is watched now. */
    private void census(Message<Seats.Census> message) {
        long now = clock.millis();
        censuses.put(message.body().from(), new Heard(Map.copyOf(message.body().viewers()), now));
        censuses.values().removeIf(heard -> now - heard.atMillis() > CENSUS_BEATS * settings.cluster().heartbeatMillis());
        message.body().viewers().forEach((id, count) -> {
            Session session = table.find(id);
            if (session != null && count > 0) {
                session.unwatchedSince = now;
            }
        });
    }

    /** Its viewers: the seats given here, or the web nodes' latest census when it counts more (after a takeover). */
    private int viewersOf(Session session) {
        long now = clock.millis();
        int counted = 0;
        for (Heard heard : censuses.values()) {
            if (now - heard.atMillis() <= CENSUS_BEATS * settings.cluster().heartbeatMillis()) {
                counted += heard.viewers().getOrDefault(session.id, 0);
            }
        }
        return Math.max(session.viewers, counted);
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
        if (!owner && viewersOf(session) >= max) {
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
            if (viewersOf(session) == 0 && session.unwatchedSince < cutoff && !session.state().finished()) {
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
