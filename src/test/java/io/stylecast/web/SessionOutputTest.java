package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a finished session leaves: its time-lapse (served once it is done) and a params.json that renders it again. */
@IntegrationTest
class SessionOutputTest {

    @TempDir
    Path dir;

    ServerFixture server;

    @BeforeEach
    void start() throws IOException {
        server = ServerFixture.start(dir, new JsonObject());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDoneSessionHasItsTimeLapseAndARunningOneNotYet() throws Exception {
        String running = server.createEndlessSession().getString("id");
        String done = server.createSession(new JsonObject().put("width", 32).put("iterations", 30)).getString("id");
        server.awaitState(done, "done");

        ServerFixture.Response gif = server.get("/api/sessions/" + done + "/timelapse");
        assertEquals(200, gif.status());
        assertEquals("image/gif", gif.header("Content-Type"));
        assertTrue(gif.header("Content-Disposition").contains("stylecast-" + done + ".gif"));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif.body().getBytes()))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(31, reader.getNumImages(true), "iterations 0..30, every one of so short a run");
            assertEquals(32, reader.read(0).getWidth());
        }

        ServerFixture.Response notYet = server.get("/api/sessions/" + running + "/timelapse");
        assertEquals(404, notYet.status());
        assertTrue(notYet.json().getString("error").contains("ready when the session is done"), notYet.json().encode());
        assertEquals(404, server.get("/api/sessions/..%2F..%2Fetc/timelapse").status());
    }

    @Test
    void aSessionsParamsJsonRendersItAgainByteForByte() throws Exception {
        String id = server.createSession(new JsonObject().put("width", 40).put("iterations", 15).put("seed", 4))
                .getString("id");
        server.awaitState(id, "done");
        Path folder = dir.resolve("output").resolve(id);
        JsonObject record = new JsonObject(Files.readString(folder.resolve("params.json")));
        assertEquals(4, record.getJsonObject("params").getInteger("seed"));
        assertEquals("content.png", record.getString("content"));
        assertTrue(Files.exists(folder.resolve("style-1.png")));
        assertEquals("tiny-vgg.mat", record.getString("model"), "the server's network by its file name, not where it sits");

        // on another machine the file is in its models directory
        Path home = dir.resolve("elsewhere");
        Files.createDirectories(home.resolve("models"));
        Files.copy(dir.resolve("tiny-vgg.mat"), home.resolve("models").resolve("tiny-vgg.mat"));
        Path again = dir.resolve("again");
        String before = System.getProperty("stylecast.home");
        System.setProperty("stylecast.home", home.toString());
        try {
            assertEquals(0, io.stylecast.cli.Main.run("render", "--params", folder.resolve("params.json").toString(),
                    "--output", again.toString()));
        } finally {
            if (before == null) {
                System.clearProperty("stylecast.home");
            } else {
                System.setProperty("stylecast.home", before);
            }
        }
        assertArrayEquals(Files.readAllBytes(folder.resolve("final.png")), Files.readAllBytes(again.resolve("final.png")));
    }

    /** Its params.json and every snapshot download over HTTP (from any web node: they are in the shared folder). */
    @Test
    void itsParamsAndSnapshotsDownload() throws Exception {
        String id = server.createSession(new JsonObject().put("width", 32).put("iterations", 30).put("saveEvery", 10))
                .getString("id");
        server.awaitState(id, "done");
        Path folder = dir.resolve("output").resolve(id);

        ServerFixture.Response params = server.get("/api/sessions/" + id + "/params.json");
        assertEquals(200, params.status());
        assertEquals(new JsonObject(Files.readString(folder.resolve("params.json"))), params.json());
        assertTrue(params.header("Content-Disposition").contains("stylecast-" + id + "-params.json"));

        ServerFixture.Response list = server.get("/api/sessions/" + id + "/snapshots");
        assertEquals(200, list.status());
        assertEquals(new io.vertx.core.json.JsonArray().add("0000.jpg").add("0010.jpg").add("0020.jpg").add("0030.jpg"),
                list.body().toJsonArray(), "every saveEvery iterations, from the start to the end");
        ServerFixture.Response snapshot = server.get("/api/sessions/" + id + "/snapshots/0020.jpg");
        assertEquals(200, snapshot.status());
        assertEquals("image/jpeg", snapshot.header("Content-Type"));
        assertArrayEquals(Files.readAllBytes(folder.resolve("0020.jpg")), snapshot.body().getBytes());

        assertEquals(404, server.get("/api/sessions/" + id + "/snapshots/0025.jpg").status(), "no such snapshot");
        assertEquals(404, server.get("/api/sessions/" + id + "/snapshots/session.json").status(), "only snapshots");
        assertEquals(404, server.get("/api/sessions/" + id + "/snapshots/..%2Fsession.json").status());
        assertEquals(404, server.get("/api/sessions/0123456789abcdef0123456789abcdef/snapshots").status(), "no such session");
        String running = server.createEndlessSession().getString("id");
        assertTrue(server.get("/api/sessions/" + running + "/params.json").json().getString("error")
                .contains("written when the session ends"));
    }

    /** A coarse-to-fine session counts its iterations over its stages and ends at the last width, time-lapse and all. */
    @Test
    void aCoarseToFineSessionEndsAtItsLastWidth() throws Exception {
        String id = server.createSession(new JsonObject().put("scales", new io.vertx.core.json.JsonArray().add(24).add(48))
                .put("iterations", new io.vertx.core.json.JsonArray().add(6).add(4))).getString("id");
        JsonObject done = server.awaitState(id, "done");
        assertEquals(10, done.getInteger("iterations"));
        Path folder = dir.resolve("output").resolve(id);
        assertEquals(48, javax.imageio.ImageIO.read(folder.resolve("final.png").toFile()).getWidth());
        assertEquals(List.of(24, 48), new JsonObject(Files.readString(folder.resolve("params.json")))
                .getJsonObject("params").getJsonArray("scales").getList());
        try (ImageInputStream in = ImageIO.createImageInputStream(folder.resolve("timelapse.gif").toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(11, reader.getNumImages(true));
            assertEquals(48, reader.read(0).getWidth(), "every frame at the output's size");
        }
    }
}
