package io.stylecast.session.manager;

import io.stylecast.engine.InputException;
import io.stylecast.session.Addresses;
import io.stylecast.session.PictureRequest;
import io.stylecast.session.RunRecord;
import io.stylecast.session.protocol.Health;
import io.stylecast.session.protocol.History;
import io.stylecast.session.protocol.Refusal;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.Wall;
import io.stylecast.settings.Role;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What anyone may read of the sessions in the {@link SessionTable}: a session's status and latest frame
 * (by its id), the class wall (listed sessions only: no other id is ever listed), and the server's health. Confined
 * to the manager's event loop.
 */
final class SessionQueries {

    /** How long a worker has to give a session's picture; it reads its inbox between iterations. */
    private static final long PICTURE_TIMEOUT_MILLIS = 30_000;

    private final SessionTable table;
    private final EventBus bus;
    private final Placement placement;
    private final Settings settings;
    private final SavedSessions saved;
    private final long startedMillis;
    private final Clock clock;

    SessionQueries(SessionTable table, EventBus bus, Placement placement, Settings settings, SavedSessions saved, Clock clock) {
        this.clock = clock;
        this.startedMillis = clock.millis();
        this.table = table;
        this.bus = bus;
        this.placement = placement;
        this.settings = settings;
        this.saved = saved;
    }

    Future<?> register(ClusterConsumers consumers) {
        return Future.join(List.of(
                consumers.<String>add(Addresses.STATUS, this::status),
                consumers.<String>add(Addresses.IMAGE, this::image),
                consumers.add(Addresses.HEALTH, this::health),
                consumers.add(Addresses.WALL, this::wall),
                consumers.<String>add(Addresses.HISTORY, this::history),
                consumers.<String>add(Addresses.PICTURE, this::picture)));
    }

    private void status(Message<String> message) {
        Session session = table.find(message.body());
        if (session == null) {
            Refusal.UNKNOWN_SESSION.fail(message, "no session " + InputException.describe(message.body()));
        } else {
            message.reply(table.status(session));
        }
    }

    private void history(Message<String> message) {
        Session session = table.find(message.body());
        message.reply(new History(session != null ? session.history.points() : List.of()));
    }

    /** Asks the session's worker for its picture now; the manager holds only encoded frames. */
    private void picture(Message<String> message) {
        Session session = table.find(message.body());
        SessionState state = session == null ? null : session.state();
        if (session == null) {
            Refusal.UNKNOWN_SESSION.fail(message, "no session " + InputException.describe(message.body()));
        } else if (!session.placed() || state != SessionState.RUNNING && state != SessionState.PAUSED) {
            Refusal.WRONG_STATE.fail(message, "the session is " + state.id() + (state == SessionState.DONE ? "; its final.png is the picture" : ""));
        } else {
            Placement.Slot slot = session.slot();
            bus.<Buffer>request(Addresses.worker(slot.node(), slot.worker()),
                            new PictureRequest(session.id, session.attempt()), new DeliveryOptions().setSendTimeout(PICTURE_TIMEOUT_MILLIS))
                    .onSuccess(reply -> message.reply(reply.body(), new DeliveryOptions().setHeaders(reply.headers())))
                    .onFailure(e -> Refusal.UNAVAILABLE.fail(message, "the session's worker did not give its picture: try again"));
        }
    }

    private void image(Message<String> message) {
        Session session = table.find(message.body());
        if (session == null || session.latestFrame == null) {
            Refusal.UNKNOWN_SESSION.fail(message, session == null ? "no session " + InputException.describe(message.body()) : "no image yet");
        } else {
            message.reply(session.latestFrame);
        }
    }

    /**
     * The sessions whose owners put them on the class wall, oldest first: those under way, and the finished paintings
     * for as long as the server keeps finished sessions ({@code sessions.retainMinutes}); not the cancelled or failed.
     */
    private void wall(Message<Object> message) {
        List<Wall.Entry> wall = new ArrayList<>();
        for (Session s : table.all()) {
            SessionState state = s.state();
            boolean shown = state == SessionState.DONE || !state.finished() && state != SessionState.RESUMABLE;
            if (s.listed && shown) {
                wall.add(new Wall.Entry(s.id, state, s.iteration(), s.iterations, s.caption));
            }
        }
        message.reply(new Wall(wall));
    }

    /**
     * {@code UP} while sessions can be placed; {@code STARTING} while a node that computes too loads its network, or
     * for the first {@code cluster.nodeTimeoutSeconds} of a web node, in which its worker nodes join it;
     * {@code DEGRADED} when no worker is there after that (sessions wait in the queue).
     */
    private void health(Message<Object> message) {
        long running = table.all().stream()
                .filter(s -> s.state() == SessionState.RUNNING || s.state() == SessionState.PAUSED).count();
        boolean young = settings.role() == Role.ALL
                || clock.millis() - startedMillis < settings.cluster().nodeTimeoutMillis();
        String status = placement.workers() > 0 ? "UP" : young ? "STARTING" : "DEGRADED";
        message.reply(new Health(status, RunRecord.publicName(settings.model()), placement.defaults(), placement.backend(),
                placement.workers(), running, table.queued(), saved.count(), placement.describe()));
    }
}
