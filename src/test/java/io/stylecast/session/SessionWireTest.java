package io.stylecast.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.StyleParams;
import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.optim.OptimizerState;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.WireCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the manager and the workers exchange crosses to another node and comes back the same. */
class SessionWireTest {

    @Test
    void aSpecWithItsPicturesAndCheckpointCrossesTheWire() {
        SessionSpec spec = new SessionSpec("s1", SessionParams.parse(new JsonObject().put("width", 24).put("iterations", 300)
                .put("styleWeight", 5e4).put("styleBlend", new io.vertx.core.json.JsonArray(List.of(0.25, 0.75)))),
                picture(7, 5, 1), List.of(picture(6, 6, 2), picture(9, 4, 3)), picture(7, 5, 4), "image/png", "10.0.0.9",
                "cafe", checkpoint(), 3, true, "Ana: chelsea");
        SessionSpec back = SessionWire.decodeSpec(SessionWire.encodeSpec(spec));

        assertTrue(back.listed());
        assertEquals("Ana: chelsea", back.caption());
        assertEquals(List.of("s1", "image/png", "10.0.0.9", "cafe", 3),
                List.of(back.id(), back.frameFormat(), back.client(), back.ownerTokenHash(), back.attempt()));
        assertEquals(SessionParams.toJson(spec.params()), SessionParams.toJson(back.params()));
        assertPixels(spec.content(), back.content());
        assertPixels(spec.styles().get(1), back.styles().get(1));
        assertPixels(spec.init(), back.init());
        assertCheckpoint(spec.resumeFrom(), back.resumeFrom());
    }

    @Test
    void aNewSessionsSpecHasNoCheckpointOrStart() {
        SessionSpec spec = new SessionSpec(StyleParams.defaults(), picture(4, 4, 5), List.of(picture(4, 4, 6)), null, null, null)
                .assigned("s2", "beef", 1);
        SessionSpec back = SessionWire.decodeSpec(SessionWire.encodeSpec(spec));
        assertNull(back.resumeFrom());
        assertNull(back.init());
        assertEquals(0, back.firstIteration());
    }

    @Test
    void aCheckpointCrossesTheWireWithItsAttempt() {
        WireCodec<SessionCheckpoint> codec = SessionWire.checkpointCodec();
        SessionCheckpoint checkpoint = new SessionCheckpoint("s3", 2, checkpoint());
        Buffer wire = Buffer.buffer("xx");
        codec.encodeToWire(wire, checkpoint);
        SessionCheckpoint back = codec.decodeFromWire(2, wire);
        assertEquals(List.of("s3", 2), List.of(back.sessionId(), back.attempt()));
        assertCheckpoint(checkpoint.checkpoint(), back.checkpoint());
        assertSame(checkpoint, codec.transform(checkpoint), "within a process, the same object");
    }

    @Test
    void aNodeAnnouncementCrossesTheWire() {
        NodeInfo info = new NodeInfo("10.0.0.2:5701", "worker", 2, 6000,
                new JsonObject().put("kind", "cpu").put("isa", "avx2").put("threads", 2), "default", List.of("conv1", "mixed2"), 8081,
                Map.of("s1", new NodeInfo.Run(3, 1, SessionState.PAUSED, 140), "s2", new NodeInfo.Run(1, 0, SessionState.DONE, 300)),
                List.of(new NodeInfo.Outcome("s0", 2, SessionState.FAILED, 17, "the engine failed")),
                NodeInfo.defaultsJson(io.stylecast.model.InceptionV3.DEFAULTS));
        assertEquals(info, NodeInfo.fromJson(new JsonObject(info.toJson().encode())));
        NodeReply reply = new NodeReply(List.of("s1"), List.of("s0"), false);
        assertEquals(reply, NodeReply.fromJson(new JsonObject(reply.toJson().encode())));
    }

    @Test
    void aSessionFileCrossesTheWireAndOnlyASessionsFileNamesAreAccepted() {
        WireCodec<SessionFile> codec = SessionWire.fileCodec();
        SessionFile file = new SessionFile("s1", 3, "0100.jpg", Buffer.buffer(new byte[] {1, 2, 3}));
        SessionFile back = codec.decode(codec.encode(file));
        assertEquals(List.of("s1", 3, "0100.jpg"), List.of(back.sessionId(), back.attempt(), back.name()));
        assertEquals(file.bytes(), back.bytes());
        assertSame(file, codec.transform(file), "within a process, the same object");
        for (String name : List.of("final.png", "timelapse-frames/000000120.gif", "params.json", "0000.png", "12000.jpg")) {
            new SessionFile("s", 1, name, Buffer.buffer());
        }
        for (String name : List.of("../x.png", "session.json", "resume/state.json", "final.png/../../x", "a.jpg", "",
                "timelapse.gif", "timelapse-frames/../session.json")) {
            assertThrows(IllegalArgumentException.class, () -> new SessionFile("s", 1, name, Buffer.buffer()), name);
        }
    }

    private static StyleTransfer.Checkpoint checkpoint() {
        INDArray image = Nd4j.rand(DataType.FLOAT, 1, 3, 5, 7);
        OptimizerState adam = new OptimizerState("adam", Map.of("m", Nd4j.rand(DataType.FLOAT, 1, 3, 5, 7),
                "v", Nd4j.rand(DataType.FLOAT, 1, 3, 5, 7)), Map.of("t", 140.0));
        return new StyleTransfer.Checkpoint(140, image, adam, 37, new LossWeights(5, 5e4, 1e-3), 1.5);
    }

    private static void assertCheckpoint(StyleTransfer.Checkpoint expected, StyleTransfer.Checkpoint actual) {
        assertEquals(List.of(expected.iteration(), expected.jitterDraws(), expected.weights(), expected.learningRate()),
                List.of(actual.iteration(), actual.jitterDraws(), actual.weights(), actual.learningRate()));
        assertEquals(expected.image(), actual.image());
        assertEquals(expected.optimizer().optimizer(), actual.optimizer().optimizer());
        assertEquals(expected.optimizer().numbers(), actual.optimizer().numbers());
        assertEquals(expected.optimizer().arrays(), actual.optimizer().arrays());
    }

    private static BufferedImage picture(int width, int height, int seed) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                picture.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return picture;
    }

    private static void assertPixels(BufferedImage expected, BufferedImage actual) {
        assertArrayEquals(expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth()),
                actual.getRGB(0, 0, actual.getWidth(), actual.getHeight(), null, 0, actual.getWidth()));
    }
}
