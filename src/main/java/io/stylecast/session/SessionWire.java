package io.stylecast.session;

import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.image.ImageDecoder;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.optim.OptimizerState;
import io.stylecast.session.protocol.WireCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How what the manager and the workers exchange crosses to another node: a {@link SessionSpec} (its
 * parameters as JSON, its pictures as PNG, its checkpoint's arrays in ND4J's binary form), a
 * {@link SessionCheckpoint}, a {@link NodeInfo} and its {@link NodeReply}, a {@link SessionFile}. Within a
 * process they are handed over as they are ({@link WireCodec}); only a worker node on another machine pays for
 * the encoding.
 */
public final class SessionWire {

    private SessionWire() {
    }

    /** Makes these codecs the defaults for their types on this event bus. */
    public static void register(EventBus bus) {
        bus.registerDefaultCodec(SessionSpec.class, specCodec());
        bus.registerDefaultCodec(SessionCheckpoint.class, checkpointCodec());
        bus.registerDefaultCodec(NodeInfo.class, new WireCodec<>(NodeInfo.class, NodeInfo::toJson,
                (json, bytes) -> NodeInfo.fromJson(json), info -> null));
        bus.registerDefaultCodec(NodeReply.class, new WireCodec<>(NodeReply.class, NodeReply::toJson,
                (json, bytes) -> NodeReply.fromJson(json), reply -> null));
        bus.registerDefaultCodec(SessionFile.class, fileCodec());
        bus.registerDefaultCodec(StaleRun.class, new LocalCodec<>(StaleRun.class));
        bus.registerDefaultCodec(PictureRequest.class, new WireCodec<>(PictureRequest.class, PictureRequest::toJson,
                (json, bytes) -> PictureRequest.fromJson(json), request -> null));
        bus.registerDefaultCodec(RenewInbox.class, new LocalCodec<>(RenewInbox.class));
    }

    /** A file's name and session in the header, its bytes after it; a name no session's file has is refused. */
    static WireCodec<SessionFile> fileCodec() {
        return new WireCodec<>(SessionFile.class,
                f -> new JsonObject().put("id", f.sessionId()).put("attempt", f.attempt()).put("name", f.name()),
                (json, bytes) -> new SessionFile(json.getString("id"), json.getInteger("attempt"), json.getString("name"), bytes),
                SessionFile::bytes);
    }

    /**
     * A spec in its wire form, made before it is sent, off the event loop: encoding its pictures takes
     * a few hundred milliseconds. The worker node decodes it on its worker's thread ({@link #decodeSpec}).
     */
    public static Buffer encodeSpec(SessionSpec spec) {
        return specCodec().encode(spec);
    }

    public static SessionSpec decodeSpec(Buffer buffer) {
        return specCodec().decode(buffer);
    }

    static WireCodec<SessionSpec> specCodec() {
        return new WireCodec<>(SessionSpec.class, SessionWire::specHeader, SessionWire::spec, SessionWire::specBytes);
    }

    /** A checkpoint in its wire form, made by the worker on its own thread. */
    public static Buffer encodeCheckpoint(SessionCheckpoint checkpoint) {
        return checkpointCodec().encode(checkpoint);
    }

    public static SessionCheckpoint decodeCheckpoint(Buffer buffer) {
        return checkpointCodec().decode(buffer);
    }

    /** A checkpoint's session id and attempt ({@code id}, {@code attempt}), read without decoding its arrays. */
    public static JsonObject checkpointHeader(Buffer buffer) {
        return WireCodec.header(buffer);
    }

    static WireCodec<SessionCheckpoint> checkpointCodec() {
        return new WireCodec<>(SessionCheckpoint.class,
                c -> new JsonObject().put("id", c.sessionId()).put("attempt", c.attempt()).put("checkpoint", header(c.checkpoint())),
                (json, bytes) -> {
                    List<byte[]> blobs = unpack(bytes);
                    return new SessionCheckpoint(json.getString("id"), json.getInteger("attempt"),
                            checkpoint(json.getJsonObject("checkpoint"), blobs, 0));
                },
                c -> pack(arrays(c.checkpoint())));
    }

    private static JsonObject specHeader(SessionSpec spec) {
        return new JsonObject().put("id", spec.id()).put("params", SessionParams.toJson(spec.params()))
                .put("styles", spec.styles().size()).put("init", spec.init() != null).put("frameFormat", spec.frameFormat())
                .put("client", spec.client()).put("ownerTokenHash", spec.ownerTokenHash()).put("attempt", spec.attempt())
                .put("listed", spec.listed()).put("caption", spec.caption()).put("checkpoint", spec.resumeFrom() == null ? null : header(spec.resumeFrom()));
    }

    private static Buffer specBytes(SessionSpec spec) {
        List<byte[]> blobs = new ArrayList<>();
        blobs.add(png(spec.content()));
        spec.styles().forEach(style -> blobs.add(png(style)));
        if (spec.init() != null) {
            blobs.add(png(spec.init()));
        }
        if (spec.resumeFrom() != null) {
            blobs.addAll(arrays(spec.resumeFrom()));
        }
        return pack(blobs);
    }

    private static SessionSpec spec(JsonObject json, Buffer bytes) {
        List<byte[]> blobs = unpack(bytes);
        int at = 0;
        BufferedImage content = picture(blobs.get(at++));
        List<BufferedImage> styles = new ArrayList<>();
        for (int k = 0; k < json.getInteger("styles"); k++) {
            styles.add(picture(blobs.get(at++)));
        }
        BufferedImage init = json.getBoolean("init") ? picture(blobs.get(at++)) : null;
        JsonObject checkpoint = json.getJsonObject("checkpoint");
        return new SessionSpec(json.getString("id"), SessionParams.parse(json.getJsonObject("params").copy()), content, styles,
                init, json.getString("frameFormat"), json.getString("client"), json.getString("ownerTokenHash"),
                checkpoint == null ? null : checkpoint(checkpoint, blobs, at), json.getInteger("attempt"),
                json.getBoolean("listed", false), json.getString("caption"));
    }

    /** A checkpoint's numbers; its arrays follow as blobs: the image, then the optimiser's by name. */
    private static JsonObject header(StyleTransfer.Checkpoint c) {
        LossWeights w = c.weights();
        return new JsonObject().put("iteration", c.iteration()).put("jitterDraws", c.jitterDraws())
                .put("contentWeight", w.content()).put("styleWeight", w.style()).put("tvWeight", w.totalVariation())
                .put("learningRate", c.learningRate()).put("optimizer", c.optimizer().optimizer())
                .put("arrays", new JsonArray(new ArrayList<>(new TreeMap<>(c.optimizer().arrays()).keySet())))
                .put("numbers", new JsonObject(new HashMap<>(c.optimizer().numbers())));
    }

    private static List<byte[]> arrays(StyleTransfer.Checkpoint c) {
        List<byte[]> blobs = new ArrayList<>();
        blobs.add(bytes(c.image()));
        new TreeMap<>(c.optimizer().arrays()).values().forEach(array -> blobs.add(bytes(array)));
        return blobs;
    }

    private static StyleTransfer.Checkpoint checkpoint(JsonObject json, List<byte[]> blobs, int at) {
        INDArray image = Nd4j.fromByteArray(blobs.get(at++));
        Map<String, INDArray> arrays = new HashMap<>();
        for (Object name : json.getJsonArray("arrays")) {
            arrays.put((String) name, Nd4j.fromByteArray(blobs.get(at++)));
        }
        Map<String, Double> numbers = new HashMap<>();
        json.getJsonObject("numbers").forEach(e -> numbers.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
        return new StyleTransfer.Checkpoint(json.getInteger("iteration"), image,
                new OptimizerState(json.getString("optimizer"), arrays, numbers), json.getLong("jitterDraws"),
                new LossWeights(json.getDouble("contentWeight"), json.getDouble("styleWeight"), json.getDouble("tvWeight")),
                json.getDouble("learningRate"));
    }

    private static byte[] png(BufferedImage picture) {
        return io.stylecast.engine.image.ImageFiles.png(picture);
    }

    private static BufferedImage picture(byte[] png) {
        return ImageDecoder.decode(png, "a session's picture", Long.MAX_VALUE);
    }

    private static byte[] bytes(INDArray array) {
        try {
            return Nd4j.toByteArray(array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Buffer pack(List<byte[]> blobs) {
        Buffer buffer = Buffer.buffer().appendInt(blobs.size());
        blobs.forEach(blob -> buffer.appendInt(blob.length).appendBytes(blob));
        return buffer;
    }

    private static List<byte[]> unpack(Buffer buffer) {
        List<byte[]> blobs = new ArrayList<>();
        int at = 4;
        for (int k = 0; k < buffer.getInt(0); k++) {
            int length = buffer.getInt(at);
            blobs.add(buffer.getBytes(at + 4, at + 4 + length));
            at += 4 + length;
        }
        return blobs;
    }
}
