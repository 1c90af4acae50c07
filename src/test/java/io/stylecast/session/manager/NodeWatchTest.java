package io.stylecast.session.manager;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.loss.LossValues;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.optim.OptimizerState;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.Addresses;
import io.stylecast.session.Membership;
import io.stylecast.session.NodeInfo;
import io.stylecast.session.NodeReply;
import io.stylecast.session.SessionCheckpoint;
import io.stylecast.session.SessionDirectory;
import io.stylecast.session.SessionParams;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.SessionWire;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.ControlRequest;
import io.stylecast.session.protocol.Health;
import io.stylecast.session.protocol.NodeLeft;
import io.stylecast.session.protocol.ProtocolCodecs;
import io.stylecast.session.protocol.Refusal;
import io.stylecast.session.protocol.ResumeRequest;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.SessionStatus;
import io.stylecast.session.protocol.SessionTicket;
import io.stylecast.session.protocol.Wall;
import io.stylecast.settings.SettingsFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The web node's manager with worker nodes played by the test on its event bus, answering as real ones do: a
 * session placed on a node that leaves the cluster moves to another as attempt 2, from its last checkpoint,
 * and the node that comes back is told to stop its stale run; a node that is not a member of the cluster takes no
 * session; owners' controls are answered with what they did, one at a time, held while a session starts; a restarted
 * manager takes back the run a node still has, and learns how the one that ended meanwhile ended.
 */
class NodeWatchTest {

    private final Vertx vertx = Vertx.vertx();
    private final Set<String> members = ConcurrentHashMap.newKeySet();
    /** A web node's first seconds (cluster.nodeTimeoutSeconds: 10) pass when the test moves this clock, never by themselves. */
    private final MovableClock clock = new MovableClock();
    private final List<FakeNode> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    @TempDir
    Path output;

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** A worker node of one worker: what the manager sends it, its announcements while it is alive, and the replies. */
    private final class FakeNode {
        final String id;
        final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        final BlockingQueue<String> stopped = new LinkedBlockingQueue<>();
        final BlockingQueue<Message<Object>> controls = new LinkedBlockingQueue<>();
        volatile boolean alive = true;
        /** Announcements the manager has answered. */
        final java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
        volatile Map<String, NodeInfo.Run> runs = Map.of();
        volatile List<NodeInfo.Outcome> outcomes = List.of();
        /** Whether it answers a spec at once; else the test answers it from {@link #pendingSpecs}. */
        volatile boolean takesSpecs = true;
        final BlockingQueue<Message<Object>> pendingSpecs = new LinkedBlockingQueue<>();
        final MessageConsumer<Object> worker;

        FakeNode(String id) {
            this(id, true);
        }

        FakeNode(String id, boolean member) {
            this.id = id;
            if (member) {
                members.add(id);
            }
            worker = vertx.eventBus().consumer(Addresses.worker(id, 0), message -> {
                Object body = message.body();
                if (Addresses.PROBE.equals(body)) {
                    message.reply(0);
                } else if (body instanceof Control) {
                    controls.add(message);
                    inbox.add(body);
                } else {
                    inbox.add(body instanceof Buffer wire ? SessionWire.decodeSpec(wire) : body);
                    if (takesSpecs) {
                        message.reply(0);
                    } else {
                        pendingSpecs.add(message);
                    }
                }
            });
            worker.completion().await();
            nodes.add(this);
            vertx.setPeriodic(100, timer -> {
                if (alive) {
                    NodeInfo info = new NodeInfo(id, "worker", 1, 1000, new JsonObject().put("kind", "cpu"), "fake-net",
                            List.of("conv1"), 0, runs, outcomes, new JsonObject());
                    vertx.eventBus().<NodeReply>request(Addresses.NODES, info).onSuccess(reply -> {
                        stopped.addAll(reply.body().stop());
                        heard.incrementAndGet();
                    });
                }
            });
        }

        /** Leaves the cluster, as a node that dies or is taken for dead: the membership says so (the one failure detector). */
        void leave() {
            alive = false;
            members.remove(id);
            vertx.eventBus().send(Addresses.NODE_LEFT, new NodeLeft(id));
        }

        /** Back in the cluster (it was only paused), announcing itself again. */
        void comeBack() {
            members.add(id);
            alive = true;
        }

        <T> T next(Class<T> type) throws InterruptedException {
            Object message = inbox.poll(20, TimeUnit.SECONDS);
            assertTrue(type.isInstance(message), id + " expected a " + type.getSimpleName() + ", got " + message);
            return type.cast(message);
        }
    }

    private void startManager(Path dir) {
        deployManager(dir).await();
    }

    private Future<String> deployManager(Path dir) {
        JsonObject config = SettingsFile.load(null, Map.of()).put("model", "fake-net");
        config.getJsonObject("output").put("dir", dir.toString());
        config.getJsonObject("limits").put("maxSessionsPerClient", 100);
        config.getJsonObject("cluster").put("enabled", true).put("role", "web").put("heartbeatMillis", 100)
                .put("nodeTimeoutSeconds", 10);
        SessionWire.register(vertx.eventBus());
        ProtocolCodecs.register(vertx.eventBus());
        return vertx.deployVerticle(new SessionManager(SettingsFile.bind(config), new StylecastMetrics(new SimpleMeterRegistry()),
                new Membership("web", members::contains, address -> Future.succeededFuture(true),
                        name -> Future.succeededFuture(true), merged -> { }), clock));
    }

    /** Moves the clock past a web node's first seconds, in which it says STARTING, in steps, each after every live node was heard again. */
    private void passNodeTimeout() {
        for (int step = 0; step < 6; step++) {
            Map<FakeNode, Integer> before = new java.util.HashMap<>();
            nodes.stream().filter(n -> n.alive).forEach(n -> before.put(n, n.heard.get()));
            await().until(() -> before.entrySet().stream().allMatch(e -> e.getKey().heard.get() > e.getValue()));
            clock.advance(Duration.ofSeconds(2));
        }
    }

    private String create() {
        BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        SessionSpec request = new SessionSpec(SessionParams.parse(new JsonObject().put("width", 16).put("iterations", 100)),
                picture, List.of(picture), null, null, "c").onTheWall(true, null);
        return ((SessionTicket) vertx.eventBus().request(Addresses.CREATE, request).await().body()).id();
    }

    private SessionTicket createWithToken() {
        BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        SessionSpec request = new SessionSpec(SessionParams.parse(new JsonObject().put("width", 16).put("iterations", 100)),
                picture, List.of(picture), null, null, "c");
        return (SessionTicket) vertx.eventBus().request(Addresses.CREATE, request).await().body();
    }

    private BlockingQueue<SessionEvent> watch(String id) {
        BlockingQueue<SessionEvent> viewer = new LinkedBlockingQueue<>();
        vertx.eventBus().<SessionEvent>localConsumer(Addresses.events(id), m -> viewer.add(m.body())).completion().await();
        return viewer;
    }

    private SessionStatus status(String id) {
        return (SessionStatus) vertx.eventBus().request(Addresses.STATUS, id).await().body();
    }

    private Health health() {
        return (Health) vertx.eventBus().request(Addresses.HEALTH, "").await().body();
    }

    @Test
    @Timeout(60)
    void aLostNodesSessionContinuesElsewhereFromItsCheckpointAndTheNodeStopsItsStaleRun() throws Exception {
        startManager(output);
        FakeNode a = new FakeNode("10.0.0.1:5701/a");
        FakeNode b = new FakeNode("10.0.0.2:5701/b");
        await().until(() -> health().workers() == 2);

        String id = create();
        BlockingQueue<SessionEvent> viewer = watch(id);
        await().until(() -> !a.inbox.isEmpty() || !b.inbox.isEmpty());
        FakeNode first = a.inbox.isEmpty() ? b : a;
        FakeNode other = first == a ? b : a;
        SessionSpec placed = first.next(SessionSpec.class);
        assertEquals(1, placed.attempt());
        first.runs = Map.of(id, new NodeInfo.Run(1, 0, SessionState.RUNNING, 12));
        vertx.eventBus().send(Addresses.run(id, 1), new SessionEvent.Progress(id, 12, 100, losses(), 5));
        vertx.eventBus().request(Addresses.CHECKPOINT, new SessionCheckpoint(id, 1, checkpoint(12))).await();
        await().until(() -> Files.isRegularFile(output.resolve(id).resolve("resume").resolve("state.json")));

        first.leave();
        SessionStatus moved = nextStatus(viewer);
        assertEquals(SessionState.MOVED, moved.state());
        assertTrue(moved.message().contains("left the cluster"), moved.message());
        SessionSpec continued = other.next(SessionSpec.class);
        assertEquals(2, continued.attempt());
        assertEquals(12, continued.firstIteration(), "from the checkpoint");
        assertTrue(continued.listed(), "still on the wall after the move");

        vertx.eventBus().send(Addresses.run(id, 1), new SessionEvent.Progress(id, 99, 100, losses(), 5));
        vertx.eventBus().send(Addresses.run(id, 2), new SessionEvent.Progress(id, 13, 100, losses(), 5));
        assertEquals(13, ((SessionEvent.Progress) nextOf(viewer, SessionEvent.Progress.class)).iteration(),
                "attempt 1's progress is ignored; attempt 2's is passed on");
        assertEquals(13, status(id).iteration());
        assertEquals(1, ((Wall) vertx.eventBus().request(Addresses.WALL, "").await().body()).sessions().size());

        other.runs = Map.of(id, new NodeInfo.Run(2, 0, SessionState.RUNNING, 13));
        first.comeBack();
        assertEquals(id, first.stopped.poll(20, TimeUnit.SECONDS), "the node that came back is told to stop its stale run");
        await("the run of attempt 2 is left alone").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(other.stopped::isEmpty);
        assertEquals(SessionState.RUNNING, status(id).state());
    }

    @Test
    @Timeout(60)
    void aNodeThatIsNotAMemberTakesNoSessionWhateverItAnnounces() throws Exception {
        startManager(output);
        FakeNode ghost = new FakeNode("10.0.0.9:5701/ghost", false);
        String id = create();
        await("nothing placed on a node the cluster does not have").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(ghost.inbox::isEmpty);
        assertEquals(SessionState.QUEUED, status(id).state());
        assertTrue(!health().status().equals("UP"), health().toString());

        members.add(ghost.id);
        assertEquals(1, ghost.next(SessionSpec.class).attempt(), "once it is a member again, it is used");
        assertEquals("UP", health().status());
    }

    @Test
    @Timeout(60)
    void healthSaysDegradedWhileNoWorkerIsThere() throws Exception {
        startManager(output);
        assertEquals("STARTING", health().status(), "a web node's first seconds (cluster.nodeTimeoutSeconds)");
        passNodeTimeout();
        await().until(() -> health().status().equals("DEGRADED"));
        FakeNode node = new FakeNode("10.0.0.1:5701/a");
        await().until(() -> health().status().equals("UP"));
        node.leave();
        await().until(() -> health().status().equals("DEGRADED"));
        assertEquals(0, health().nodes().size());
    }

    @Test
    @Timeout(60)
    void aControlForAMovingSessionWaitsAndGoesWhereItLands() throws Exception {
        startManager(output);
        FakeNode a = new FakeNode("10.0.0.1:5701/a");
        await().until(() -> health().workers() == 1);
        SessionTicket ticket = createWithToken();
        a.next(SessionSpec.class);
        a.leave();
        await().until(() -> status(ticket.id()).state() == SessionState.QUEUED);
        Future<Message<Object>> pause = vertx.eventBus().request(Addresses.CONTROL,
                new ControlRequest(ticket.ownerToken(), new Control.Pause(ticket.id())));
        await("a control for a session that has no worker waits").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> !pause.isComplete());
        FakeNode b = new FakeNode("10.0.0.2:5701/b");
        assertEquals(2, b.next(SessionSpec.class).attempt());
        Message<Object> atWorker = b.controls.poll(20, TimeUnit.SECONDS);
        assertEquals(new Control.Pause(ticket.id()), atWorker.body(), "it goes where the session landed");
        atWorker.reply(new SessionStatus(ticket.id(), SessionState.PAUSED, 0, 100, null, 0, null));
        assertEquals(SessionState.PAUSED, ((SessionStatus) pause.await().body()).state());
        assertTrue(a.controls.isEmpty(), "nothing went to the lost node");
    }

    @Test
    @Timeout(60)
    void controlsAreAnsweredWithWhatTheyDidOneAtATimeAndWaitWhileASessionStarts() throws Exception {
        startManager(output);
        FakeNode node = new FakeNode("10.0.0.1:5701/a");
        node.takesSpecs = false;
        await().until(() -> health().workers() == 1);
        SessionTicket ticket = createWithToken();
        String id = ticket.id();
        Message<Object> spec = node.pendingSpecs.poll(20, TimeUnit.SECONDS);

        // twenty owners' cancels at once, while the worker has yet to take the session
        List<Future<Message<Object>>> cancels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cancels.add(vertx.eventBus().request(Addresses.CONTROL, new ControlRequest(ticket.ownerToken(), new Control.Cancel(id))));
        }
        await("no control goes to a worker that has not taken the session").during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2)).until(node.controls::isEmpty);
        spec.reply(0);
        Message<Object> first = node.controls.poll(20, TimeUnit.SECONDS);
        await("one control at a time").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(node.controls::isEmpty);
        first.reply(new SessionStatus(id, SessionState.CANCELLED, 3, 100, null, 0, null));
        Future.join(new ArrayList<>(cancels)).otherwiseEmpty().await();
        int ok = 0;
        int conflict = 0;
        for (Future<Message<Object>> cancel : cancels) {
            if (cancel.succeeded()) {
                assertEquals(SessionState.CANCELLED, ((SessionStatus) cancel.result().body()).state(), "the reply is what it did");
                ok++;
            } else if (Refusal.of(cancel.cause()) == Refusal.WRONG_STATE) {
                assertEquals("the session is cancelled", cancel.cause().getMessage());
                conflict++;
            }
        }
        assertEquals(List.of(1, 19), List.of(ok, conflict));
    }

    @Test
    @Timeout(60)
    void aCancelItsWorkerDoesNotAnswerIsCarriedOutByTheManager() throws Exception {
        startManager(output);
        FakeNode node = new FakeNode("10.0.0.1:5701/a");
        await().until(() -> health().workers() == 1);
        SessionTicket ticket = createWithToken();
        node.next(SessionSpec.class);
        node.worker.unregister().await();   // the worker is gone; the node has not been noticed missing yet
        SessionStatus cancelled = (SessionStatus) vertx.eventBus()
                .request(Addresses.CONTROL, new ControlRequest(ticket.ownerToken(), new Control.Cancel(ticket.id()))).await().body();
        assertEquals(SessionState.CANCELLED, cancelled.state());
        assertEquals(SessionState.CANCELLED, status(ticket.id()).state());
    }

    @Test
    @Timeout(60)
    void aRestartedManagerTakesBackARunANodeStillHasAndLearnsHowAnotherEnded() throws Exception {
        // two sessions a manager that died had placed on one node, attempts 3 and 1
        String running = "a".repeat(32);
        String ended = "b".repeat(32);
        leftBehind(running, true, 3);
        leftBehind(ended, false, 1);
        startManager(output);
        assertEquals(SessionState.RESUMABLE, status(running).state());
        assertEquals(2, health().resumable());
        BlockingQueue<SessionEvent> viewer = watch(running);

        FakeNode node = new FakeNode("10.0.0.1:5701/a");
        node.outcomes = List.of(new NodeInfo.Outcome(ended, 1, SessionState.DONE, 100, null));
        node.runs = Map.of(running, new NodeInfo.Run(3, 0, SessionState.RUNNING, 40), "c".repeat(32),
                new NodeInfo.Run(1, 0, SessionState.RUNNING, 7));
        await().until(() -> status(running).state() == SessionState.RUNNING);
        assertEquals(40, status(running).iteration());
        assertEquals("c".repeat(32), node.stopped.poll(20, TimeUnit.SECONDS), "a run of a session nobody knows is stopped");
        await().until(() -> status(ended).state() == SessionState.DONE);
        assertEquals(100, status(ended).iteration());
        assertEquals("done", SessionDirectory.readRecord(output.resolve(ended)).getString("state"));
        assertEquals(0, health().resumable());

        vertx.eventBus().send(Addresses.run(running, 3), new SessionEvent.Progress(running, 41, 100, losses(), 5));
        assertEquals(41, ((SessionEvent.Progress) nextOf(viewer, SessionEvent.Progress.class)).iteration(),
                "its worker's events reach its viewers again");
        assertEquals(1, ((Wall) vertx.eventBus().request(Addresses.WALL, "").await().body()).sessions().size(),
                "and it is on the wall again");
        Future<Message<Object>> pause = vertx.eventBus().request(Addresses.CONTROL,
                new ControlRequest("token-" + running, new Control.Pause(running)));
        Message<Object> atWorker = node.controls.poll(20, TimeUnit.SECONDS);
        assertEquals(new Control.Pause(running), atWorker.body(), "its owner's token still steers it");
        atWorker.reply(new SessionStatus(running, SessionState.PAUSED, 41, 100, null, 0, null));
        assertEquals(SessionState.PAUSED, ((SessionStatus) pause.await().body()).state());
    }

    @Test
    @Timeout(60)
    void anOwnersResumeAndControlsOfASavedSessionWaitUntilTheNodesCouldSayTheyStillRunIt() throws Exception {
        // two sessions a table that went away had placed (attempt 2 each); one node still runs the first
        String kept = "g".repeat(32);
        String lost = "h".repeat(32);
        leftBehind(kept, false, 2);
        leftBehind(lost, false, 2);
        startManager(output);
        assertEquals(SessionState.RESUMABLE, status(kept).state());
        // a page that reconnected to the new table saw 'resumable' and its owner pressed Resume, then Pause
        Future<Message<Object>> resumeKept = vertx.eventBus().request(Addresses.RESUME, new ResumeRequest(kept, "token-" + kept, "c"));
        Future<Message<Object>> pause = vertx.eventBus().request(Addresses.CONTROL,
                new ControlRequest("token-" + kept, new Control.Pause(kept)));
        Future<Message<Object>> resumeLost = vertx.eventBus().request(Addresses.RESUME, new ResumeRequest(lost, "token-" + lost, "c"));
        await("nothing is answered while a node may still run them").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !resumeKept.isComplete() && !pause.isComplete() && !resumeLost.isComplete());

        FakeNode node = new FakeNode("10.0.0.1:5701/a");
        node.runs = Map.of(kept, new NodeInfo.Run(2, 0, SessionState.RUNNING, 40));
        SessionStatus resumed = (SessionStatus) resumeKept.await().body();
        assertEquals(List.of(SessionState.RUNNING, 40), List.of(resumed.state(), resumed.iteration()),
                "the resume is answered with the run its node still has: it continues there, not from its checkpoint");
        Message<Object> atWorker = node.controls.poll(20, TimeUnit.SECONDS);
        assertEquals(new Control.Pause(kept), atWorker.body(), "the pause goes to the node that runs it");
        assertEquals(atWorker.body(), node.inbox.poll());
        atWorker.reply(new SessionStatus(kept, SessionState.PAUSED, 41, 100, null, 0, null));
        assertEquals(SessionState.PAUSED, ((SessionStatus) pause.await().body()).state());
        assertTrue(node.inbox.isEmpty(), "no new attempt of it: " + node.inbox);
        assertTrue(!resumeLost.isComplete(), "the other waits while nodes may still say they run it");

        passNodeTimeout();
        assertEquals(SessionState.RUNNING, ((SessionStatus) resumeLost.await().body()).state());
        SessionSpec continued = node.next(SessionSpec.class);
        assertEquals(List.of(lost, 3), List.of(continued.id(), continued.attempt()), "no node had it: it continues from its files");
        assertEquals(0, health().resumable());
    }

    @Test
    @Timeout(60)
    void whileTheTableIsReadItIsAwayRatherThanWithoutTheSession() throws Exception {
        // many sessions left behind (a class's afternoon): reading them takes a moment
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(String.format("%032x", i + 1));
            leftBehind(ids.get(i), false, 1);
        }
        String last = ids.get(ids.size() - 1);
        Future<String> deployed = deployManager(output);
        int away = 0;
        while (!deployed.isComplete()) {
            Throwable refused = vertx.eventBus().request(Addresses.STATUS, last).map(m -> (Throwable) null)
                    .otherwise(e -> e).await();
            if (refused != null) {
                assertEquals(null, Refusal.of(refused), "a page asking now is told the table is away (it tries again),"
                        + " not that its session does not exist (it gives up): " + refused.getMessage());
                away++;
            }
        }
        deployed.await();
        assertEquals(SessionState.RESUMABLE, status(last).state());
        System.out.printf("the table was away for %d questions while it read %d sessions%n", away, ids.size());
    }

    @Test
    @Timeout(60)
    void sessionsStillQueuedWhenTheTablesNodeWentAwayKeepTheirTurn() throws Exception {
        // three sessions a table that went away had only queued (never placed), made one after the other
        List<String> queued = List.of("d".repeat(32), "e".repeat(32), "f".repeat(32));
        long made = System.currentTimeMillis() - 60_000;
        for (String id : queued) {
            leftBehind(id, false, 0);
            Files.setLastModifiedTime(output.resolve(id).resolve(SessionDirectory.RECORD),
                    java.nio.file.attribute.FileTime.fromMillis(made += 1000));
        }
        Files.setLastModifiedTime(output.resolve(queued.get(0)).resolve(SessionDirectory.RECORD),
                java.nio.file.attribute.FileTime.fromMillis(made + 1000));   // the first made last
        startManager(output);
        for (String id : queued) {
            assertEquals(SessionState.QUEUED, status(id).state(), "queued again, not waiting for its owner");
        }
        assertEquals(0, health().resumable());
        assertEquals(List.of(1, 2, 3), List.of(status(queued.get(1)).queuePosition(), status(queued.get(2)).queuePosition(),
                status(queued.get(0)).queuePosition()), "in the order they were made");

        FakeNode node = new FakeNode("10.0.0.1:5701/a");
        SessionSpec first = node.next(SessionSpec.class);
        assertEquals(queued.get(1), first.id(), "the oldest runs first");
        assertEquals(1, first.attempt());
        assertEquals(0, first.firstIteration());
    }

    /**
     * A session a table that went away left in the output folder, its owner's token {@code "token-" + id}, placed as
     * attempt {@code attempt} (0: never placed).
     */
    private void leftBehind(String id, boolean listed, int attempt) throws java.io.IOException {
        BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        SessionSpec spec = new SessionSpec(SessionParams.parse(new JsonObject().put("width", 16).put("iterations", 100)),
                picture, List.of(picture), null, null, "c").assigned(id, Tokens.hash("token-" + id), 0);
        SessionDirectory.create(output.resolve(id), spec, listed, 1 << 20);
        if (attempt > 0) {
            SessionDirectory.placed(output.resolve(id), attempt);
        }
    }

    private static SessionStatus nextStatus(BlockingQueue<SessionEvent> viewer) throws InterruptedException {
        return (SessionStatus) nextOf(viewer, SessionStatus.class, s -> true);
    }

    private static SessionEvent nextOf(BlockingQueue<SessionEvent> viewer, Class<?> type) throws InterruptedException {
        return nextOf(viewer, type, e -> true);
    }

    private static SessionEvent nextOf(BlockingQueue<SessionEvent> viewer, Class<?> type, Predicate<SessionEvent> wanted)
            throws InterruptedException {
        while (true) {
            SessionEvent event = viewer.poll(20, TimeUnit.SECONDS);
            assertTrue(event != null, "no " + type.getSimpleName() + " within 20 s");
            if (type.isInstance(event) && wanted.test(event)) {
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

    static {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }
}
