package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/sessions/{id}/timelapse}: the run as an animated GIF the moment it is done, and not before. */
class TimeLapseApiTest {

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
}
