package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After an OutOfMemoryError the server process exits rather than going on half-dead (an earlier
 * one lost its blocked-thread checker, a timer and an event loop and never answered again). The
 * heap is made too small on purpose for what the configuration allows, so that one upload exhausts it.
 */
@IntegrationTest
class OutOfMemoryTest {

    @TempDir
    Path dir;

    @Test
    void theServerExitsInsteadOfGoingOnHalfDead() throws Exception {
        JsonObject roomy = new JsonObject().put("uploads", new JsonObject().put("maxPixels", 100_000_000));
        // JavaCPP would otherwise cap ND4J's native memory at a multiple of the small heap
        List<String> smallHeap = List.of("-Xmx64m", "-Dorg.bytedeco.javacpp.maxBytes=0", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        try (ServerProcess server = ServerProcess.start(dir, roomy, smallHeap)) {
            // 25 megapixels decoded at full size for a 4096-pixel output: 100 MB of pixels in a 64 MB heap
            SessionApiTest.Multipart form = new SessionApiTest.Multipart().file("content", "huge.png", RequestLimitsTest.png(5000, 5000))
                    .field("styleSample", "ihc").field("params", "{\"width\": 4096, \"height\": 4096, \"iterations\": 1}");
            String answer = "none";
            try {
                answer = server.http.send(HttpRequest.newBuilder(URI.create(server.base + "/api/sessions"))
                        .header("Content-Type", form.contentType()).timeout(java.time.Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form.body().getBytes())).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException connectionClosed) {
                // the process went away mid-request, as it should
            }
            assertTrue(server.process.waitFor(60, TimeUnit.SECONDS), "the server is still running after the OutOfMemoryError;"
                    + " it answered " + answer + "; " + Files.readString(server.log));
            assertEquals(3, server.process.exitValue());
            String log = Files.readString(server.log);
            assertTrue(log.contains("Terminating due to java.lang.OutOfMemoryError"), log);
        }
    }
}
