package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.stylecast.IntegrationTest;
import io.stylecast.engine.net.Activations;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.ForwardingNetwork;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Faults inside a worker fail only the session they hit. */
@IntegrationTest
class FaultTest {

    @TempDir
    Path dir;

    ServerFixture server;

    @AfterEach
    void stop() {
        server.close();
    }

    /** The real network, except that 40-pixel-wide inputs fail on their 30th forward pass. */
    static final class FailingNetwork extends ForwardingNetwork {
        private final AtomicInteger calls = new AtomicInteger();
        private final Error error;

        FailingNetwork(FeatureNetwork network, Error error) {
            super(network);
            this.error = error;
        }

        @Override
        public Activations forward(INDArray input, Collection<String> layers) {
            if (input.size(3) == 40 && calls.incrementAndGet() == 30) {
                if (error != null) {
                    throw error;
                }
                throw new IllegalStateException("injected fault in the engine");
            }
            return network.forward(input, layers);
        }

    }

    private void failsAloneWith(Error error, String message) throws Exception {
        server = ServerFixture.start(dir, new JsonObject().put("workers", new JsonObject().put("count", 1)),
                network -> new FailingNetwork(network, error));
        String bystander = server.createEndlessSession().getString("id");
        String victim = server.createSession(new JsonObject().put("width", 40).put("iterations", 20000)).getString("id");
        JsonObject failed = server.awaitState(victim, "failed");
        assertTrue(failed.getString("message").contains(message), failed.encode());
        int before = server.get("/api/sessions/" + bystander).json().getInteger("iteration");
        await("the other session on the same worker goes on").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> server.get("/api/sessions/" + bystander).json().getInteger("iteration") > before);
        String next = server.createSession(new JsonObject().put("width", 32).put("iterations", 5)).getString("id");
        assertEquals("done", server.awaitState(next, "done").getString("state"), "the worker takes new sessions");
    }

    @Test
    void anExceptionMidSessionFailsThatSessionOnly() throws Exception {
        failsAloneWith(null, "the engine failed: injected fault in the engine");
    }

    @Test
    void anOutOfMemoryErrorMidSessionFailsThatSessionOnly() throws Exception {
        failsAloneWith(new OutOfMemoryError("Cannot allocate 123456789 bytes"),
                "the engine ran out of memory: Cannot allocate 123456789 bytes");
    }
}
