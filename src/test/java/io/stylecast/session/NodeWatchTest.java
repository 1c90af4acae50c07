package io.stylecast.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.loss.LossValues;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.optim.OptimizerState;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.ProtocolCodecs;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionStatus;
import io.stylecast.web.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The web node's manager with two worker nodes played by the test on its event bus: a session placed
 * on a node that stops announcing itself moves to the other as attempt 2, from its last checkpoint;
 * what attempt 1 still sends is ignored, and when its node comes back, that run is stopped.
 */
class NodeWatchTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** A worker node of one worker: what the manager sends it, and its announcements while it is alive. */
    private final class FakeNode {
        final String id;
        final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        volatile boolean alive = true;
        volatile Map<String, Integer> runs = Map.of();

        FakeNode(String id) {
            this.id = id;
            vertx.eventBus().consumer(Addresses.worker(id, 0), message -> {
                Object body = message.body();
                inbox.add(body instanceof Buffer wire ? SessionWire.decodeSpec(wire) : body);
                message.reply(0);
            }).completion().await();
            vertx.setPeriodic(100, timer -> {
                if (alive) {
                    vertx.eventBus().publish(Addresses.NODES, new NodeInfo(id, "worker", 1, 1000, new JsonObject().put("kind", "cpu"), "fake-net",
                            List.of("conv1"), 0, runs, new JsonObject()));
                }
            });
        }

        <T> T next(Class<T> type) throws InterruptedException {
            Object message = inbox.poll(20, TimeUnit.SECONDS);
            assertTrue(type.isInstance(message), id + " expected a " + type.getSimpleName() + ", got " + message);
            return type.cast(message);
        }
    }

    @Test
    @Timeout(60)
    void aLostNodesSessionContinuesElsewhereFromItsCheckpointAndItsStaleRunIsStopped(@TempDir Path output) throws Exception {
        JsonObject config = ServerConfig.load(null, Map.of()).put("model", "fake-net");
        config.getJsonObject("output").put("dir", output.toString());
        config.getJsonObject("cluster").put("enabled", true).put("role", "web").put("heartbeatMillis", 100)
                .put("nodeTimeoutSeconds", 1);
        vertx.eventBus().registerDefaultCodec(SessionTicket.class, new LocalCodec<>(SessionTicket.class));
        SessionWire.register(vertx.eventBus());
        ProtocolCodecs.register(vertx.eventBus());
        vertx.deployVerticle(new SessionManager(new ServerSettings(config), new StylecastMetrics(new SimpleMeterRegistry())))
                .await();
        FakeNode a = new FakeNode("10.0.0.1:5701");
        FakeNode b = new FakeNode("10.0.0.2:5701");
        Thread.sleep(300);

        BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        SessionSpec request = new SessionSpec(SessionParams.parse(new JsonObject().put("width", 16).put("iterations", 100)), picture, List.of(picture), null, null, "c");
        SessionTicket ticket = (SessionTicket) vertx.eventBus().request(Addresses.CREATE, request).await().body();
        String id = ticket.id();
        BlockingQueue<SessionEvent> viewer = new LinkedBlockingQueue<>();
        vertx.eventBus().<SessionEvent>localConsumer(Addresses.events(id), m -> viewer.add(m.body())).completion().await();

        long deadline = System.currentTimeMillis() + 20_000;
        while (a.inbox.isEmpty() && b.inbox.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        FakeNode first = a.inbox.isEmpty() ? b : a;
        FakeNode other = first == a ? b : a;
        SessionSpec placed = first.next(SessionSpec.class);
        assertEquals(1, placed.attempt());
        first.runs = Map.of(id, 1);
        vertx.eventBus().send(Addresses.run(id, 1), new SessionEvent.Progress(id, 12, 100, losses(), 5));
        vertx.eventBus().request(Addresses.CHECKPOINT, new SessionCheckpoint(id, 1, checkpoint(12))).await();
        awaitFile(output.resolve(id).resolve("resume").resolve("state.json"));

        first.alive = false;
        SessionStatus moved = nextStatus(viewer);
        assertEquals(SessionState.MOVED, moved.state());
        assertTrue(moved.message().contains("stopped answering"), moved.message());
        SessionSpec continued = other.next(SessionSpec.class);
        assertEquals(2, continued.attempt());
        assertEquals(12, continued.firstIteration(), "from the checkpoint");

        vertx.eventBus().send(Addresses.run(id, 1), new SessionEvent.Progress(id, 99, 100, losses(), 5));
        vertx.eventBus().send(Addresses.run(id, 2), new SessionEvent.Progress(id, 13, 100, losses(), 5));
        assertEquals(13, ((SessionEvent.Progress) nextOf(viewer, SessionEvent.Progress.class)).iteration(),
                "attempt 1's progress is ignored; attempt 2's is passed on");
        SessionStatus status = (SessionStatus) vertx.eventBus().request(Addresses.STATUS, id).await().body();
        assertEquals(13, status.iteration());

        first.alive = true;
        assertEquals(new Control.Cancel(id), first.next(Control.Cancel.class), "the node that came back stops its stale run");
        assertTrue(other.inbox.isEmpty(), "the run of attempt 2 is left alone: " + other.inbox);
    }

    private static SessionStatus nextStatus(BlockingQueue<SessionEvent> viewer) throws InterruptedException {
        return (SessionStatus) nextOf(viewer, SessionStatus.class);
    }

    private static SessionEvent nextOf(BlockingQueue<SessionEvent> viewer, Class<?> type) throws InterruptedException {
        while (true) {
            SessionEvent event = viewer.poll(20, TimeUnit.SECONDS);
            assertTrue(event != null, "no " + type.getSimpleName() + " within 20 s");
            if (type.isInstance(event)) {
                return event;
            }
        }
    }

    private static LossValues losses() {
        return new LossValues(1, 2, 3, 6);
    }

    private static StyleTransfer.Checkpoint checkpoint(int iteration) {
        return new StyleTransfer.Checkpoint(iteration, Nd4j.rand(DataType.FLOAT, 1, 3, 8, 8),
                new OptimizerState("adam", Map.of("m", Nd4j.zeros(DataType.FLOAT, 1, 3, 8, 8),
                        "v", Nd4j.zeros(DataType.FLOAT, 1, 3, 8, 8)), Map.of("t", (double) iteration)),
                0, new LossWeights(1, 1e4, 0), 2);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Files.isRegularFile(file)) {
            assertTrue(System.currentTimeMillis() < deadline, file + " was not written");
            Thread.sleep(20);
        }
    }
}
