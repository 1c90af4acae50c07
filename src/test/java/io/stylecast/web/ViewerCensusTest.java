package io.stylecast.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.Addresses;
import io.stylecast.session.protocol.ProtocolCodecs;
import io.stylecast.session.protocol.Refusal;
import io.stylecast.session.protocol.Seats;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.SessionStatus;
import io.stylecast.settings.SettingsFile;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web node in a cluster tells the sessions' table, every heartbeat, how many viewers it has of each session (a
 * table that took over from a web node that went away counts them so). The web node's HTTP verticle, with the table
 * played by the test on the same event bus, and real WebSockets.
 */
class ViewerCensusTest {

    private static final String ID = "c".repeat(32);

    private final Vertx vertx = Vertx.vertx();
    @TempDir
    Path output;

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void eachHeartbeatSaysHowManyViewersEachSessionHasHere() throws Exception {
        ProtocolCodecs.register(vertx.eventBus());
        AtomicReference<Map<String, Integer>> latest = new AtomicReference<>();
        var bus = vertx.eventBus();
        bus.<Seats.Census>consumer(Addresses.CENSUS, m -> latest.set(m.body().viewers())).completion().await();
        bus.<Seats.Request>consumer(Addresses.AUTHORIZE, m -> m.reply(new Seats.Seat(false))).completion().await();
        bus.<String>consumer(Addresses.STATUS, m -> m.reply(new SessionStatus(ID, SessionState.RUNNING, 5, 100, null, 0, null)))
                .completion().await();
        bus.<String>consumer(Addresses.HISTORY, m -> Refusal.UNKNOWN_SESSION.fail(m, "none")).completion().await();
        bus.<String>consumer(Addresses.IMAGE, m -> Refusal.UNKNOWN_SESSION.fail(m, "none")).completion().await();

        JsonObject config = SettingsFile.load(null, Map.of());
        config.getJsonObject("http").put("port", 0).put("host", "127.0.0.1");
        config.getJsonObject("output").put("dir", output.toString());
        config.getJsonObject("cluster").put("enabled", true).put("role", "web").put("heartbeatMillis", 100);
        HttpVerticle http = new HttpVerticle(SettingsFile.bind(config), new StylecastMetrics(new SimpleMeterRegistry()));
        vertx.deployVerticle(http).await();
        await().atMost(Duration.ofSeconds(10)).until(() -> Map.of().equals(latest.get()));

        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(http.port())
                .setURI("/ws/sessions/" + ID);
        WebSocket first = client.connect(options).await();
        WebSocket second = client.connect(options).await();
        await().atMost(Duration.ofSeconds(10)).until(() -> Map.of(ID, 2).equals(latest.get()));
        first.close().await();
        await().atMost(Duration.ofSeconds(10)).until(() -> Map.of(ID, 1).equals(latest.get()));
        second.close().await();
        await().atMost(Duration.ofSeconds(10)).until(() -> Map.of().equals(latest.get()));
        assertEquals(Map.of(), latest.get(), "no session watched here");
    }
}
