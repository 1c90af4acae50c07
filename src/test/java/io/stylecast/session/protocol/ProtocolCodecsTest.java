package io.stylecast.session.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stylecast.engine.InputException;
import io.stylecast.engine.loss.LossValues;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every protocol type crosses the wire and comes back equal; within a process it is not copied. */
class ProtocolCodecsTest {

    private static final LossValues LOSSES = new LossValues(1.5, 2.25e-3, 0, 1234.5);
    private static final LossValues BY_LAYER = new LossValues(1.5, 2.25e-3, 0, 1234.5,
            java.util.Map.of("conv1_1", 2e-3, "conv2_1", 2.5e-4));

    static List<Object> everyType() {
        return List.of(
                new SessionStatus("s1", SessionState.RUNNING, 12, 500, LOSSES, 0, "updated: styleWeight 9"),
                new SessionStatus("s1", SessionState.QUEUED, 0, 500, null, 3, null),
                new SessionEvent.Progress("s1", 12, 500, LOSSES, 3.5),
                new SessionEvent.Progress("s1", 13, 500, BY_LAYER, 3.5),
                new SessionEvent.Frame("s1", 12, "image/jpeg", Buffer.buffer(new byte[] {(byte) 0xff, (byte) 0xd8, 7, 0, 9})),
                new SessionEvent.Done("s1"),
                new SessionEvent.Error("s1", "the update was undone"),
                new Control.Pause("s1"),
                new Control.Resume("s1"),
                new Control.Cancel("s1"),
                new Control.Update("s1", null, 9.0, 0.5, null),
                new ControlRequest("f00d", new Control.Update("s1", 1.0, null, null, 2.5)),
                new ResumeRequest("s1", "f00d", "client-7"),
                new Seats.Request("s1", null),
                new Seats.Seat(true),
                new Seats.Returned("s1"),
                new Seats.Census("http-1", Map.of("s1", 3, "s2", 1)),
                new NodeLeft("10.0.0.2:5701/b"),
                new SessionTicket("s1", "f00d"),
                new History(List.of(new SessionEvent.Progress("s1", 10, 500, LOSSES, 3.5),
                        new SessionEvent.Progress("s1", 20, 500, BY_LAYER, 3.25))),
                new Wall(List.of(new Wall.Entry("s1", SessionState.RUNNING, 12, 500, "Ana: the cat"),
                        new Wall.Entry("s2", SessionState.DONE, 500, 500, null))),
                new Health("UP", "default", new JsonObject().put("contentLayers", new JsonArray().add("mixed2")),
                        new JsonObject().put("kind", "cpu").put("threads", 2), 2, 1, 3, 0,
                        List.of(new Health.Node("10.0.0.2:5701/b", "worker", true, 2, 5991, 1,
                                new JsonObject().put("kind", "cpu"), "default"))));
    }

    @SuppressWarnings("unchecked")
    private static <T> MessageCodec<T, T> codec(T value) {
        return (MessageCodec<T, T>) ProtocolCodecs.codecs().get(value.getClass());
    }

    @Test
    void everyTypeRoundTripsOverTheWire() {
        for (Object value : everyType()) {
            MessageCodec<Object, Object> codec = codec(value);
            Buffer wire = Buffer.buffer().appendString("prefix");
            codec.encodeToWire(wire, value);
            Object back = codec.decodeFromWire(6, wire);
            if (value instanceof SessionEvent.Frame frame) {
                SessionEvent.Frame decoded = (SessionEvent.Frame) back;
                assertEquals(List.of(frame.sessionId(), frame.iteration(), frame.format()),
                        List.of(decoded.sessionId(), decoded.iteration(), decoded.format()));
                assertEquals(frame.image(), decoded.image());
            } else {
                assertEquals(value, back, value.getClass().getSimpleName());
            }
            assertSame(value, codec.transform(value), "handed over as it is within a process");
        }
    }

    @Test
    void browsersGetTheDocumentedJson() {
        assertEquals(new JsonObject("{\"type\":\"progress\",\"id\":\"s1\",\"iteration\":12,\"iterations\":500,"
                + "\"contentLoss\":1.5,\"styleLoss\":0.00225,\"tvLoss\":0.0,\"totalLoss\":1234.5,\"itPerSec\":3.5}"),
                ProtocolJson.toJson(new SessionEvent.Progress("s1", 12, 500, LOSSES, 3.5)));
        assertEquals(new JsonObject("{\"id\":\"s1\",\"state\":\"queued\",\"iteration\":0,\"iterations\":500,"
                + "\"losses\":{},\"queuePosition\":3}"),
                ProtocolJson.toJson(new SessionStatus("s1", SessionState.QUEUED, 0, 500, null, 3, null)));
        assertEquals("status", ProtocolJson.toJson((SessionEvent) new SessionStatus("s1", SessionState.DONE, 5, 5, LOSSES, 0, null))
                .getString("type"));
    }

    @Test
    void controlsFromBrowsersAreChecked() {
        assertEquals(new Control.Update("s1", null, 9.0, null, null),
                ProtocolJson.control("s1", new JsonObject().put("type", "update").put("params", new JsonObject().put("styleWeight", 9))));
        assertEquals(new Control.Pause("s1"), ProtocolJson.control("s1", new JsonObject().put("type", "pause")));
        assertEquals("'iterations' cannot change while a session runs; these can: contentWeight, learningRate, styleWeight, tvWeight",
                assertThrows(InputException.class, () -> ProtocolJson.control("s1", new JsonObject().put("type", "update")
                        .put("params", new JsonObject().put("iterations", 9)))).getMessage());
        assertEquals("styleWeight must be a number, got 'lots'", assertThrows(InputException.class, () -> ProtocolJson.control("s1",
                new JsonObject().put("type", "update").put("params", new JsonObject().put("styleWeight", "lots")))).getMessage());
        assertThrows(InputException.class, () -> ProtocolJson.control("s1", new JsonObject().put("type", "dance")));
    }

    /** Progress messages carry each style layer's own loss, for the page's per-layer plot. */
    @Test
    void progressCarriesEachStyleLayersLoss() {
        JsonObject json = ProtocolJson.toJson(new SessionEvent.Progress("s1", 13, 500, BY_LAYER, 3.5));
        assertEquals(new JsonObject("{\"conv1_1\":0.002,\"conv2_1\":2.5E-4}"), json.getJsonObject("styleLayers"));
    }
}
