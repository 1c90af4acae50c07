package io.stylecast.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonObject;
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
 * A worker node that was only slow: stopped with SIGSTOP long enough to be taken for lost, then continued with
 * SIGCONT. Its session moves to the other node (and stays on the wall); when the paused node is back it stops its
 * stale run itself, is listed again once the web node reaches it, and every session created meanwhile and after runs
 * to its end: none fails for having been placed on a node that was not there.
 */
@IntegrationTest
class PausedNodeTest {

    @AutoClose
    private TestCluster cluster;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aNodeThatWasOnlySlowComesBackWithoutItsStaleRun(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        int[] ports = TestCluster.freePorts(3);
        cluster = new TestCluster(dir, new JsonObject().put("checkpoint", new JsonObject().put("everyIterations", 10)));
        ServerProcess web = cluster.web("web", ports[0]);
        ServerProcess first = cluster.worker("worker1", ports[1], ports[0]);
        ServerProcess second = cluster.worker("worker2", ports[2], ports[0]);
        TestCluster.awaitReadyNodes(web, 2);

        String id = TestCluster.create(web, 1500, true).getString("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestCluster.sessionsOn(first) + TestCluster.sessionsOn(second) == 1);
        ServerProcess paused = TestCluster.sessionsOn(first) == 1 ? first : second;
        ServerProcess other = paused == first ? second : first;
        await().atMost(Duration.ofSeconds(30)).until(() -> web.getJson("/api/sessions/" + id).getInteger("iteration") >= 20);

        paused.signal("STOP");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> TestCluster.sessionsOn(other) == 1
                    && "running".equals(web.getJson("/api/sessions/" + id).getString("state")));
            assertEquals(id, web.getArray("/api/wall").getJsonObject(0).getString("id"), "still on the wall after the move");
            List<String> meanwhile = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                meanwhile.add(TestCluster.create(web, 30, false).getString("id"));
            }
            Thread.sleep(4000);   // paused long past the point where it is taken for lost
            paused.signal("CONT");
            await("the node that was paused stops its stale run").atMost(Duration.ofSeconds(60))
                    .until(() -> TestCluster.sessionsOn(paused) == 0);
            TestCluster.awaitReadyNodes(web, 2);
            for (int i = 0; i < 3; i++) {
                meanwhile.add(TestCluster.create(web, 30, false).getString("id"));
            }
            for (String session : meanwhile) {
                await().atMost(Duration.ofSeconds(90)).until(() -> web.getJson("/api/sessions/" + session).getString("state")
                        .matches("done|failed|cancelled"));
                assertEquals("done", web.getJson("/api/sessions/" + session).getString("state"), session);
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> "done".equals(web.getJson("/api/sessions/" + id).getString("state")));
            assertEquals(1500, web.getJson("/api/sessions/" + id).getInteger("iteration"));
            assertTrue(TestCluster.sessionsOn(paused) == 0, "the stale run never came back");
        } finally {
            paused.signal("CONT");
        }
    }
}
