package io.stylecast.session.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.session.Addresses;
import io.stylecast.session.Membership;
import io.stylecast.session.SessionParams;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.protocol.ProtocolCodecs;
import io.stylecast.session.protocol.Refusal;
import io.stylecast.session.protocol.Seats;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.settings.Settings;
import io.stylecast.settings.SettingsFile;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Viewers' seats on a table that took over from a web node that went away: it gave no seat to the viewers who stayed
 * on the other web nodes, and counts them from those nodes' census, for the viewer cap and for cancelling sessions
 * nobody watches. The table's parts on their own event loop, over a real event bus.
 */
class ViewerSeatsTest {

    private static final String ID = "a".repeat(32);

    private final Vertx vertx = Vertx.vertx();
    private final MovableClock clock = new MovableClock();
    private final Context loop = vertx.getOrCreateContext();
    private SessionTable table;
    private ViewerSeats seats;

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** At most two viewers a session; one without viewers for 60 s is cancelled; a web node's census each second. */
    private void startTable() throws Exception {
        JsonObject config = SettingsFile.load(null, Map.of()).put("model", "fake-net");
        config.getJsonObject("limits").put("maxViewersPerSession", 2);
        config.getJsonObject("sessions").put("cancelWithoutViewersSeconds", 60);
        config.getJsonObject("cluster").put("enabled", true).put("role", "web").put("heartbeatMillis", 1000);
        Settings settings = SettingsFile.bind(config);
        ProtocolCodecs.register(vertx.eventBus());
        Membership membership = new Membership("web", node -> true, address -> Future.succeededFuture(true),
                name -> Future.succeededFuture(true), merged -> { });
        onTable(() -> {
            table = new SessionTable(vertx, new Placement(settings.model()), membership);
            seats = new ViewerSeats(table, vertx.eventBus(), settings, clock);
            BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            SessionSpec spec = new SessionSpec(SessionParams.parse(new JsonObject().put("width", 16).put("iterations", 100)),
                    picture, List.of(picture), null, null, "c");
            table.enqueue(new Session(ID, Tokens.hash("owner"), spec, 1 << 20, clock));   // no worker: it waits queued
            return seats.register(new ClusterConsumers(vertx.eventBus()));
        }).await();
    }

    @Test
    void aTableThatTookOverCountsTheViewersThatStayedOnOtherWebNodes() throws Exception {
        startTable();
        // another web node still has two viewers of the session, whose seats the table that went away gave
        census("web-b", 2);
        Throwable third = vertx.eventBus().request(Addresses.AUTHORIZE, new Seats.Request(ID, null))
                .map(seat -> (Throwable) null).otherwise(refused -> refused).await();
        assertEquals(Refusal.TOO_MANY, third == null ? null : Refusal.of(third), "a third viewer is over the cap of two");
        Seats.Seat owner = (Seats.Seat) vertx.eventBus().request(Addresses.AUTHORIZE, new Seats.Request(ID, "owner")).await().body();
        assertTrue(owner.owner(), "the owner always gets a seat");

        // a minute and more passes, the other web node's viewers watching throughout: nobody cancels it
        for (int second = 0; second < 70; second += 10) {
            clock.advance(Duration.ofSeconds(10));
            census("web-b", 2);
        }
        returnSeat();   // the owner's socket closes: the table gave no other seat
        onTable(() -> {
            seats.cancelUnwatched();
            return Future.succeededFuture();
        }).await();
        assertEquals(SessionState.QUEUED, state(), "watched on the other web node");

        // its viewers leave that node too: a minute later nobody watched it for a minute
        census("web-b", 0);
        clock.advance(Duration.ofSeconds(61));
        onTable(() -> {
            seats.cancelUnwatched();
            return Future.succeededFuture();
        }).await();
        assertEquals(SessionState.CANCELLED, state());
    }

    @Test
    void aWebNodeThatFellSilentCountsNoMore() throws Exception {
        startTable();
        census("web-b", 2);
        clock.advance(Duration.ofSeconds(4));   // more than three of its heartbeats without a census: it went away
        census("web-c", 1);
        Seats.Seat viewer = (Seats.Seat) vertx.eventBus().request(Addresses.AUTHORIZE, new Seats.Request(ID, null)).await().body();
        assertEquals(false, viewer.owner(), "one viewer on web-c, and this one: within the cap of two");
    }

    /** A census from web node {@code from}: {@code viewers} of the session; it has reached the table on return. */
    private void census(String from, int viewers) {
        sendAndSettle(Addresses.CENSUS, new Seats.Census(from, viewers == 0 ? Map.of() : Map.of(ID, viewers)));
    }

    private void returnSeat() {
        sendAndSettle(Addresses.VIEWERS, new Seats.Returned(ID));
    }

    /** Sent from the table's own loop, which takes it before it runs what comes after. */
    private void sendAndSettle(String address, Object message) {
        onTable(() -> {
            vertx.eventBus().send(address, message);
            return Future.succeededFuture();
        }).await();
        onTable(() -> Future.succeededFuture()).await();
    }

    private SessionState state() {
        return onTable(() -> Future.succeededFuture(table.find(ID).state())).await();
    }

    /** Runs on the table's event loop, as its verticle would. */
    private <T> Future<T> onTable(Callable<Future<T>> work) {
        Promise<T> done = Promise.promise();
        loop.runOnContext(v -> {
            try {
                work.call().onComplete(done);
            } catch (Exception e) {
                done.fail(e);
            }
        });
        return done.future();
    }
}
