package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.stylecast.engine.net.Activations;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.ForwardingNetwork;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights past what float32 carries are refused at the door, and an update that overflows is undone. */
@IntegrationTest
class OverflowTest {

    @TempDir
    Path dir;

    ServerFixture server;
    String bystander;

    @BeforeEach
    void start() throws Exception {
        server = ServerFixture.start(dir, new JsonObject());
        bystander = server.createEndlessSession().getString("id");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void weightsBeyondFloat32AreRefusedAtTheDoor() throws Exception {
        for (double weight : new double[] {1e39, 1e300, 1e16}) {
            for (String field : new String[] {"styleWeight", "contentWeight", "tvWeight"}) {
                ServerFixture.Response refused = server.postJson(new JsonObject().put("contentSample", "chelsea")
                        .put("styleSample", "ihc").put("params", new JsonObject().put(field, weight)));
                assertEquals(400, refused.status(), field + " " + weight);
                assertTrue(refused.json().getString("error").startsWith(field + " must be between 0 and 1e15"),
                        refused.json().getString("error"));
            }
        }
        JsonObject session = server.createEndlessSession();
        WsViewer owner = server.viewer(session.getString("id"), session.getString("ownerToken"));
        owner.send(new JsonObject().put("type", "update").put("params", new JsonObject().put("styleWeight", 1e39)));
        assertTrue(owner.next("error").json().getString("message").startsWith("styleWeight must be between 0 and 1e15"));
        owner.next("progress");
        server.assertProgressing(bystander);
    }

    /**
     * The real network with its input gradient scaled by 1e10: a network as sensitive as a big real
     * one, on which weights the door lets in (up to 1e15) overflow float32.
     */
    static final class SensitiveNetwork extends ForwardingNetwork {
        SensitiveNetwork(FeatureNetwork network) {
            super(network);
        }

        @Override
        public INDArray inputGradient(Activations a, Map<String, INDArray> g) {
            return network.inputGradient(a, g).muli(1e10);
        }
    }

    @Test
    void anUpdateThatOverflowsIsUndoneAndTheSessionGoesOn() throws Exception {
        server.close();
        server = ServerFixture.start(dir.resolve("sensitive"), new JsonObject(), SensitiveNetwork::new);
        bystander = server.createSession(new JsonObject().put("width", 32).put("iterations", 20000)
                .put("contentWeight", 1).put("styleWeight", 1)).getString("id");
        JsonObject session = server.createSession(new JsonObject().put("width", 32).put("iterations", 20000)
                .put("contentWeight", 1).put("styleWeight", 1));
        String id = session.getString("id");
        WsViewer owner = server.viewer(id, session.getString("ownerToken"));
        owner.next("progress");
        owner.send(new JsonObject().put("type", "update").put("params", new JsonObject()
                .put("contentWeight", 1e15).put("styleWeight", 1e15).put("tvWeight", 1e15)));
        String undone = null;
        for (int i = 0; i < 2000 && undone == null; i++) {
            WsViewer.Received message = owner.next();
            if (message.json() != null && "progress".equals(message.type())) {
                assertTrue(Double.isFinite(message.json().getDouble("totalLoss")), "no overflowed loss is reported");
            }
            if (message.json() != null && "status".equals(message.type())
                    && String.valueOf(message.json().getString("message")).startsWith("the update was undone")) {
                undone = message.json().getString("message");
            }
        }
        assertTrue(undone != null && undone.contains("overflowed float32"), String.valueOf(undone));
        assertEquals("running", server.get("/api/sessions/" + id).json().getString("state"));
        server.assertProgressing(id);
        server.assertProgressing(bystander);
    }
}
