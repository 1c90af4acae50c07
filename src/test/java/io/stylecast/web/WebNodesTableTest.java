package io.stylecast.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sessions' table among several web nodes. Two owners create a session at once, each through another web node,
 * when the worker node has room for one: one runs, the other waits its turn, whichever node is asked. And the web node
 * that keeps the sessions' table was only slow: stopped with SIGSTOP long enough for the other web node to take the
 * cluster's lock, then continued with SIGCONT, still running its own table. Once the cluster has merged again there is
 * one table: every session is known through either web node, each time it is asked, and runs to its end; the session
 * that ran throughout goes on without going back.
 */
@IntegrationTest
class WebNodesTableTest {

    private static final String GAVE_UP = "gives the sessions' table up";
    private static final String READ_ANEW = "reads the sessions' table anew";

    @AutoClose
    private TestCluster cluster;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aWebNodeThatWasOnlySlowLeavesOneTable(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        int[] ports = TestCluster.freePorts(5);
        List<String> members = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1], "127.0.0.1:" + ports[2]);
        cluster = new TestCluster(dir, new JsonObject().put("checkpoint", new JsonObject().put("everyIterations", 10)));
        // the worker node first: the oldest member coordinates the cluster, and a paused coordinator holds the others'
        // takeover up until it is back (README says so)
        cluster.member("worker", "worker", ports[2], members, new JsonObject());
        ServerProcess paused = web(dir, 0, ports, members);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(paused.log).contains("keeps the sessions' table"));
        ServerProcess other = web(dir, 1, ports, members);
        TestCluster.awaitReadyNodes(other, 1);

        String throughout = TestCluster.create(paused, 6000, true).getString("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> paused.getJson("/api/sessions/" + throughout).getInteger("iteration") >= 20);
        List<String> sessions = new ArrayList<>(List.of(throughout));
        // paused well past failure detection: the other web node takes the lock, but its table's start waits on the
        // cluster's caches until the paused node is back (README says so); then that node still runs its own table
        paused.signal("STOP");
        try {
            await("the other web node takes the cluster's lock").atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(other.log).contains("sessions from before this start"));
            Thread.sleep(5000);
        } finally {
            paused.signal("CONT");
        }
        await("a table is given up, or read anew, once the cluster has merged").atMost(Duration.ofSeconds(90))
                .until(() -> (Files.readString(paused.log) + Files.readString(other.log)).matches("(?s).*(" + GAVE_UP + "|" + READ_ANEW + ").*"));
        await("every session known through both web nodes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> knownEverywhere(sessions, List.of(paused, other), 1));
        for (int i = 0; i < 4; i++) {
            sessions.add(TestCluster.create(i % 2 == 0 ? paused : other, 30, false).getString("id"));
        }
        for (String id : sessions) {
            await().atMost(Duration.ofSeconds(120)).until(() -> other.getJson("/api/sessions/" + id).getString("state", "")
                    .matches("done|failed|cancelled"));
        }
        // one table: asked again and again, both web nodes know every session, and the same of it
        for (ServerProcess node : List.of(paused, other)) {
            for (int round = 0; round < 5; round++) {
                for (String id : sessions) {
                    JsonObject status = node.getJson("/api/sessions/" + id);
                    assertEquals("done", status.getString("state"), "session " + id + " through " + node.base + ": " + status);
                }
            }
        }
        assertEquals(6000, other.getJson("/api/sessions/" + throughout).getInteger("iteration"));
        JsonArray wall = paused.getArray("/api/wall");
        assertEquals(throughout, wall.getJsonObject(0).getString("id"), "still on the wall: " + wall);
        System.out.printf("after the merge: paused node %s, the other %s%n", outcome(paused), outcome(other));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoWebNodesRacingForOneSlotPlaceOneSession(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        int[] ports = TestCluster.freePorts(5);
        List<String> members = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1], "127.0.0.1:" + ports[2]);
        // room for one session: each counts 1000 MB at the table, the worker node's budget is 1500 MB
        cluster = new TestCluster(dir, new JsonObject().put("memory", new JsonObject().put("sessionFixedMb", 1000)));
        ServerProcess first = web(dir, 0, ports, members);
        ServerProcess second = web(dir, 1, ports, members);
        ServerProcess worker = cluster.member("worker", "worker", ports[2], members,
                new JsonObject().put("memory", new JsonObject().put("budgetMb", 1500)));
        TestCluster.awaitReadyNodes(first, 1);
        TestCluster.awaitReadyNodes(second, 1);

        for (int race = 0; race < 3; race++) {
            var one = java.util.concurrent.CompletableFuture.supplyAsync(() -> createQuietly(first));
            var two = java.util.concurrent.CompletableFuture.supplyAsync(() -> createQuietly(second));
            List<String> ids = List.of(one.get(60, TimeUnit.SECONDS), two.get(60, TimeUnit.SECONDS));
            for (ServerProcess node : List.of(first, second)) {
                List<String> states = new ArrayList<>();
                List<Integer> places = new ArrayList<>();
                for (String id : ids) {
                    JsonObject status = node.getJson("/api/sessions/" + id);
                    states.add(status.getString("state"));
                    places.add(java.util.Objects.requireNonNullElse(status.getInteger("queuePosition"), 0));
                }
                assertEquals(List.of("queued", "running"), states.stream().sorted().toList(),
                        "one runs, the other waits, through " + node.base + ": " + states);
                assertEquals(List.of(0, 1), places.stream().sorted().toList(), "the waiting one is next: " + places);
            }
            for (String id : ids) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    assertTrue(TestCluster.sessionsOn(worker) <= 1, "never two on the worker node at once");
                    return "done".equals(second.getJson("/api/sessions/" + id).getString("state"));
                });
            }
        }
    }

    /** A session of 600 iterations (a few seconds), created through {@code node}. */
    private static String createQuietly(ServerProcess node) {
        try {
            return TestCluster.create(node, 600, false).getString("id");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether every session answers 200 through every node, {@code rounds} times. */
    private static boolean knownEverywhere(List<String> sessions, List<ServerProcess> nodes, int rounds) throws Exception {
        for (int round = 0; round < rounds; round++) {
            for (ServerProcess node : nodes) {
                for (String id : sessions) {
                    HttpResponse<String> status = node.http.send(HttpRequest.newBuilder(URI.create(node.base + "/api/sessions/" + id))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (status.statusCode() != 200) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static String outcome(ServerProcess node) throws Exception {
        String log = Files.readString(node.log);
        return log.contains(GAVE_UP) ? "gave its table up" : log.contains(READ_ANEW) ? "read its table anew" : "neither gave up nor read anew";
    }

    private ServerProcess web(Path dir, int n, int[] ports, List<String> members) throws Exception {
        return cluster.member("web" + n, "web", ports[n], members, new JsonObject()
                .put("http", new JsonObject().put("port", ports[3 + n]))
                .put("output", new JsonObject().put("dir", dir.resolve("shared-output").toString())));
    }
}
