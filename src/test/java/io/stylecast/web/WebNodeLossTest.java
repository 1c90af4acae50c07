package io.stylecast.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web node of a cluster killed (SIGKILL) while its worker node runs two sessions, one of which ends while no web
 * node is there, then started again as the README starts it: the worker node notices and goes on; the restarted
 * web node has it back within seconds, takes back the running session where it is (no iteration done again), knows
 * the other as done (its pictures and time-lapse on the web node), and the owner still steers the first.
 */
@IntegrationTest
class WebNodeLossTest {

    @AutoClose
    private TestCluster cluster;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aRestartedWebNodeHasItsWorkerBackAndLosesNothing(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        int[] ports = TestCluster.freePorts(2);
        cluster = new TestCluster(dir, new JsonObject().put("checkpoint", new JsonObject().put("everyIterations", 50)));
        ServerProcess web = cluster.web("web", ports[0]);
        ServerProcess worker = cluster.worker("worker", ports[1], ports[0]);
        TestCluster.awaitReadyNodes(web, 1);

        JsonObject running = TestCluster.create(web, 20000, true);
        JsonObject ending = TestCluster.create(web, 400, false);
        String runningId = running.getString("id");
        String endingId = ending.getString("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> web.getJson("/api/sessions/" + endingId).getInteger("iteration") >= 200);
        int before = web.getJson("/api/sessions/" + runningId).getInteger("iteration");
        web.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).until(() -> TestCluster.sessionsOn(worker) == 1);
        await("the worker node notices").atMost(Duration.ofSeconds(20))
                .until(() -> Files.readString(worker.log).contains("no web node has answered"));
        assertTrue(Files.readString(worker.log).replace("\n", " ").matches(".*no web node has answered for \\d{4} ms.*"),
                "within seconds");

        long restarted = System.currentTimeMillis();
        ServerProcess again = cluster.web("web", ports[0]);
        TestCluster.awaitReadyNodes(again, 1);
        long back = System.currentTimeMillis() - restarted;
        System.out.printf("the restarted web node had its worker node back %d ms after its start%n", back);
        assertTrue(back < 60_000, "its worker node back within seconds, not minutes: " + back + " ms");

        await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(again.getJson("/api/sessions/" + runningId).getString("state")));
        JsonObject taken = again.getJson("/api/sessions/" + runningId);
        assertTrue(taken.getInteger("iteration") > before, "it went on where it was, not from a checkpoint: " + before
                + " before the crash, " + taken);
        assertEquals(runningId, again.getArray("/api/wall").getJsonObject(0).getString("id"), "and it is on the wall again");

        // its pictures go first, then how it ended: a second or two after the worker node is back
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(again.getJson("/api/sessions/" + endingId).getString("state")));
        JsonObject ended = again.getJson("/api/sessions/" + endingId);
        assertEquals(400, ended.getInteger("iteration"), ended.encode());
        Path folder = dir.resolve("web").resolve("output").resolve(endingId);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(folder.resolve("timelapse.gif")));
        assertTrue(Files.isRegularFile(folder.resolve("final.png")));
        HttpResponse<byte[]> gif = again.http.send(HttpRequest.newBuilder(URI.create(again.base + "/api/sessions/" + endingId
                + "/timelapse")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, gif.statusCode());
        assertTrue(!Files.exists(folder.resolve("resume")), "nothing left to resume of a session that is done");

        HttpResponse<String> cancelled = again.http.send(HttpRequest.newBuilder(URI.create(again.base + "/api/sessions/"
                + runningId)).header("Authorization", "bearer " + running.getString("ownerToken")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", new JsonObject(cancelled.body()).getString("state"), "the owner still steers it");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestCluster.sessionsOn(worker) == 0);
    }
}
