package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.stylecast.IntegrationTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shutdown saves running sessions; after a restart their owners resume them. */
@IntegrationTest
class ResumeTest {

    @TempDir
    Path dir;

    private static void awaitIteration(ServerFixture server, String id, int atLeast) {
        await("iteration " + atLeast).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> server.get("/api/sessions/" + id).json().getInteger("iteration") >= atLeast);
    }

    /** The restarted server lists the session as resumable, and only its owner continues it. */
    private static void resumeAfterRestart(ServerFixture restarted, String id, String token) throws InterruptedException {
        resumeAfterRestart(restarted, id, token, 10);
    }

    private static void resumeAfterRestart(ServerFixture restarted, String id, String token, int iterationsBefore)
            throws InterruptedException {
        resumeAfterRestart(restarted, id, token, iterationsBefore, () -> { });
    }

    /** @param whileRunning checked once it runs again */
    private static void resumeAfterRestart(ServerFixture restarted, String id, String token, int iterationsBefore,
                                           Runnable whileRunning) throws InterruptedException {
        JsonObject saved = restarted.get("/api/sessions/" + id).json();
        assertEquals("resumable", saved.getString("state"), saved.encode());
        int savedAt = saved.getInteger("iteration");
        assertTrue(savedAt >= iterationsBefore, saved.encode());
        int resumable = restarted.get("/api/health").json().getJsonObject("sessions").getInteger("resumable");
        assertEquals(403, restarted.request(HttpMethod.POST, "/api/sessions/" + id + "/resume", null, Buffer.buffer(),
                "Bearer " + "f".repeat(32)).status());
        ServerFixture.Response resumed = restarted.request(HttpMethod.POST, "/api/sessions/" + id + "/resume", null,
                Buffer.buffer(), "Bearer " + token);
        assertEquals(200, resumed.status(), resumed.body().toString());
        assertTrue(resumed.json().getInteger("iteration") >= savedAt, "it continues its count: " + resumed.body());
        assertEquals(resumable - 1, restarted.get("/api/health").json().getJsonObject("sessions").getInteger("resumable"));
        restarted.awaitState(id, "running");
        awaitIteration(restarted, id, savedAt + 5);
        whileRunning.run();
        assertEquals(200, restarted.request(HttpMethod.DELETE, "/api/sessions/" + id, null, null, "Bearer " + token).status(),
                "the same owner token still steers it");
        restarted.awaitState(id, "cancelled");
    }

    @Test
    void aGracefulShutdownSavesRunningSessionsForTheirOwners() throws Exception {
        String id;
        String token;
        try (ServerFixture server = ServerFixture.start(dir, new JsonObject())) {
            ServerFixture.Response response = server.postJson(new JsonObject().put("contentSample", "chelsea")
                    .put("styleSample", "ihc").put("listed", true)
                    .put("params", new JsonObject().put("width", 32).put("iterations", 20000).put("saveEvery", 5)));
            assertEquals(201, response.status(), response.body().toString());
            JsonObject created = response.json();
            id = created.getString("id");
            token = created.getString("ownerToken");
            awaitIteration(server, id, 10);
            WsViewer owner = server.viewer(id, token);
            owner.send(new JsonObject().put("type", "update").put("params", new JsonObject().put("styleWeight", 123.0)
                    .put("learningRate", 1.5)));
            owner.next("status");
            awaitIteration(server, id, 16);
        }
        Path folder = dir.resolve("output").resolve(id);
        Path saved = folder.resolve("resume");
        for (String file : new String[] {"state.json", "image.bin", "optimizer-m.bin", "optimizer-v.bin", "latest.png"}) {
            assertTrue(Files.exists(saved.resolve(file)), file);
        }
        for (String file : new String[] {"session.json", "content.png", "style-1.png"}) {
            assertTrue(Files.exists(folder.resolve(file)), "written once, when the session was created: " + file);
        }
        JsonObject state = new JsonObject(Files.readString(saved.resolve("state.json")));
        assertTrue(!Files.readString(folder.resolve("session.json")).contains(token), "only the token's hash is written");
        assertEquals(123.0, state.getJsonObject("params").getDouble("styleWeight"), "the live update is kept");
        assertEquals(1.5, state.getJsonObject("params").getDouble("learningRate"));
        int savedAt = state.getInteger("iteration");
        for (int snapshot = 0; snapshot < savedAt; snapshot += 5) {
            assertTrue(Files.exists(folder.resolve(String.format("%04d.jpg", snapshot))),
                    "every picture made before the shutdown is kept: " + snapshot + " of " + savedAt);
        }
        Path first = dir.resolve("output").resolve(id).resolve("0000.jpg");
        Path fifth = dir.resolve("output").resolve(id).resolve("0005.jpg");
        byte[] firstBefore = Files.readAllBytes(first);
        byte[] fifthBefore = Files.readAllBytes(fifth);
        try (ServerFixture restarted = ServerFixture.start(dir, new JsonObject())) {
            assertEquals(0, restarted.get("/api/wall").body().toJsonArray().size(), "a resumable session is not on the wall");
            resumeAfterRestart(restarted, id, token, 10, () -> assertEquals(id,
                    restarted.get("/api/wall").body().toJsonArray().getJsonObject(0).getString("id"),
                    "a listed session is on the wall again once it continues"));
        }
        assertArrayEquals(firstBefore, Files.readAllBytes(first), "the outputs before the restart are kept");
        assertArrayEquals(fifthBefore, Files.readAllBytes(fifth));
        int next = (savedAt + 4) / 5 * 5;
        assertTrue(Files.exists(dir.resolve("output").resolve(id).resolve(String.format("%04d.jpg", next))),
                "the outputs go on numbering from " + savedAt);
    }

    @Test
    void sigtermToTheServerProcessSavesItsSessions() throws Exception {
        String id;
        String token;
        Path log;
        try (ServerProcess server = ServerProcess.start(dir, new JsonObject(), List.of())) {
            log = server.log;
            JsonObject created = server.runSession(10);
            id = created.getString("id");
            token = created.getString("ownerToken");
            assertTrue(server.terminate(), "the server stopped on SIGTERM");
        }
        assertTrue(Files.exists(dir.resolve("output").resolve(id).resolve("resume").resolve("latest.png")),
                Files.readString(log));
        try (ServerFixture restarted = ServerFixture.start(dir, new JsonObject())) {
            resumeAfterRestart(restarted, id, token);
        }
    }

    /** Saves {@code count} running sessions by stopping a server; returns {id, token} pairs. */
    private List<String[]> saveSessions(int count) throws Exception {
        List<String[]> saved = new java.util.ArrayList<>();
        try (ServerFixture server = ServerFixture.start(dir, new JsonObject())) {
            for (int i = 0; i < count; i++) {
                JsonObject created = server.createEndlessSession();
                saved.add(new String[] {created.getString("id"), created.getString("ownerToken")});
            }
            for (String[] session : saved) {
                awaitIteration(server, session[0], 3);
            }
        }
        return saved;
    }

    @Test
    void oneDamagedSavedSessionCostsOnlyItself() throws Exception {
        List<String[]> saved = saveSessions(5);
        Path output = dir.resolve("output");
        Path damagedState = output.resolve(saved.get(0)[0]).resolve("resume").resolve("state.json");
        Files.writeString(damagedState, Files.readString(damagedState).substring(0, 20));
        Path damagedPicture = output.resolve(saved.get(1)[0]).resolve("content.png");
        Files.write(damagedPicture, java.util.Arrays.copyOf(Files.readAllBytes(damagedPicture), 60));
        Path damagedRecord = output.resolve(saved.get(4)[0]).resolve("session.json");
        Files.writeString(damagedRecord, "{\"id\":");
        try (ServerFixture restarted = ServerFixture.start(dir, new JsonObject())) {
            assertEquals(4, restarted.get("/api/health").json().getJsonObject("sessions").getInteger("resumable"));
            assertEquals(404, restarted.get("/api/sessions/" + saved.get(4)[0]).status(), "a damaged record: left out");
            JsonObject fromStart = restarted.get("/api/sessions/" + saved.get(0)[0]).json();
            assertEquals(List.of("resumable", 0), List.of(fromStart.getString("state"), fromStart.getInteger("iteration")),
                    "a damaged checkpoint: resumable from its start");
            assertTrue(Files.isDirectory(output.resolve(saved.get(0)[0]).resolve("resume.damaged")), "moved aside, kept");

            ServerFixture.Response broken = restarted.request(HttpMethod.POST, "/api/sessions/" + saved.get(1)[0] + "/resume",
                    null, Buffer.buffer(), "Bearer " + saved.get(1)[1]);
            assertEquals(500, broken.status());
            String error = broken.json().getString("error");
            assertTrue(error.startsWith("the saved session cannot be continued: its saved content.png"), error);
            assertTrue(!error.contains(dir.toString()) && !error.contains("/"), "no path in " + error);
            assertEquals("failed", restarted.get("/api/sessions/" + saved.get(1)[0]).json().getString("state"));

            resumeAfterRestart(restarted, saved.get(2)[0], saved.get(2)[1], 2);
            String[] discarded = saved.get(3);
            assertEquals(403, restarted.request(HttpMethod.DELETE, "/api/sessions/" + discarded[0], null, null,
                    "Bearer " + "0".repeat(32)).status());
            assertEquals(200, restarted.request(HttpMethod.DELETE, "/api/sessions/" + discarded[0], null, null,
                    "Bearer " + discarded[1]).status(), "the owner discards a saved session");
            assertEquals("cancelled", restarted.get("/api/sessions/" + discarded[0]).json().getString("state"));
            await("its files are deleted").atMost(Duration.ofSeconds(5))
                    .until(() -> !Files.exists(output.resolve(discarded[0]).resolve("resume")));
            assertEquals(1, restarted.get("/api/health").json().getJsonObject("sessions").getInteger("resumable"),
                    "the one with the damaged checkpoint is left");
        }
    }

    /** A session saved by the version before session.json: its pictures and owner were in its checkpoint. */
    @Test
    void aSessionSavedByTheVersionBeforeIsResumedAfterTheUpgrade() throws Exception {
        String[] session = saveSessions(1).get(0);
        Path folder = dir.resolve("output").resolve(session[0]);
        Path resume = folder.resolve("resume");
        JsonObject record = new JsonObject(Files.readString(folder.resolve("session.json")));
        JsonObject state = new JsonObject(Files.readString(resume.resolve("state.json")))
                .put("ownerTokenHash", record.getString("ownerTokenHash")).put("iterations", record.getInteger("iterations"))
                .put("frameFormat", record.getString("frameFormat"));
        Files.writeString(resume.resolve("state.json"), state.encodePrettily());
        Files.move(folder.resolve("content.png"), resume.resolve("content.png"));
        Files.move(folder.resolve("style-1.png"), resume.resolve("style-0.png"));
        Files.delete(folder.resolve("session.json"));
        try (ServerFixture restarted = ServerFixture.start(dir, new JsonObject())) {
            resumeAfterRestart(restarted, session[0], session[1], 3);
        }
        assertTrue(Files.isRegularFile(folder.resolve("content.png")) && Files.isRegularFile(folder.resolve("style-1.png")),
                "brought to today's layout");
    }

    @Test
    void savedSessionsExpire() throws Exception {
        List<String[]> saved = saveSessions(1);
        Path state = dir.resolve("output").resolve(saved.get(0)[0]).resolve("resume").resolve("state.json");
        Files.setLastModifiedTime(state, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3 * 86_400_000L));
        try (ServerFixture restarted = ServerFixture.start(dir, new JsonObject().put("sessions",
                new JsonObject().put("resumableDays", 2)))) {
            assertEquals(0, restarted.get("/api/health").json().getJsonObject("sessions").getInteger("resumable"));
            JsonObject status = restarted.get("/api/sessions/" + saved.get(0)[0]).json();
            assertEquals("cancelled", status.getString("state"));
            assertEquals("expired: not resumed within 2 days", status.getString("message"));
        }
    }

    @Test
    void checkpointsAreWrittenWhileASessionRunsAndDeletedWhenItEnds() throws Exception {
        try (ServerFixture server = ServerFixture.start(dir, new JsonObject().put("checkpoint",
                new JsonObject().put("everyIterations", 5)))) {
            JsonObject created = server.createEndlessSession();
            String id = created.getString("id");
            awaitIteration(server, id, 12);
            Path state = dir.resolve("output").resolve(id).resolve("resume").resolve("state.json");
            await("a checkpoint").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(state));
            int iteration = new JsonObject(Files.readString(state)).getInteger("iteration");
            assertEquals(0, iteration % 5, "a checkpoint every 5 iterations, got one at " + iteration);
            assertEquals(200, server.request(HttpMethod.DELETE, "/api/sessions/" + id, null, null,
                    "Bearer " + created.getString("ownerToken")).status());
            server.awaitState(id, "cancelled");
            await("an ended session leaves no checkpoint to resume").atMost(Duration.ofSeconds(10))
                    .until(() -> !Files.exists(state.getParent()));
        }
    }

    @Test
    void aSessionSurvivesAKilledServerFromItsLastCheckpoint() throws Exception {
        JsonObject everyFive = new JsonObject().put("checkpoint", new JsonObject().put("everyIterations", 5));
        String id;
        String token;
        try (ServerProcess server = ServerProcess.start(dir, everyFive, List.of())) {
            JsonObject created = server.runSession(17);
            id = created.getString("id");
            token = created.getString("ownerToken");
            server.process.destroyForcibly().waitFor();   // SIGKILL: no shutdown hook runs
        }
        try (ServerFixture restarted = ServerFixture.start(dir, everyFive)) {
            JsonObject saved = restarted.get("/api/sessions/" + id).json();
            assertEquals("resumable", saved.getString("state"), saved.encode());
            assertTrue(saved.getInteger("iteration") >= 15 && saved.getInteger("iteration") % 5 == 0, saved.encode());
            resumeAfterRestart(restarted, id, token, 15);
        }
    }
}
