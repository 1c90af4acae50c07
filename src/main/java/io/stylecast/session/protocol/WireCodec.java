package io.stylecast.session.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An event-bus codec for an immutable message type: within a process the object itself (no copy);
 * across a cluster a JSON header, then the message's bytes if it has any (a frame's image, a
 * session's pictures and arrays), each prefixed by its length.
 */
public final class WireCodec<T> implements MessageCodec<T, T> {

    private final Class<T> type;
    private final Function<T, JsonObject> toJson;
    private final BiFunction<JsonObject, Buffer, T> fromJson;
    private final Function<T, Buffer> bytes;

    /** @param bytes the bytes sent after the JSON header, or null for none */
    public WireCodec(Class<T> type, Function<T, JsonObject> toJson, BiFunction<JsonObject, Buffer, T> fromJson,
                     Function<T, Buffer> bytes) {
        this.type = type;
        this.toJson = toJson;
        this.fromJson = fromJson;
        this.bytes = bytes;
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        Buffer json = toJson.apply(value).toBuffer();
        Buffer tail = bytes.apply(value);
        buffer.appendInt(json.length()).appendBuffer(json).appendInt(tail == null ? -1 : tail.length());
        if (tail != null) {
            buffer.appendBuffer(tail);
        }
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int jsonLength = buffer.getInt(pos);
        JsonObject json = buffer.getBuffer(pos + 4, pos + 4 + jsonLength).toJsonObject();
        int at = pos + 4 + jsonLength;
        int tailLength = buffer.getInt(at);
        return fromJson.apply(json, tailLength < 0 ? null : buffer.getBuffer(at + 4, at + 4 + tailLength));
    }

    /** The value in its wire form, on its own. */
    public Buffer encode(T value) {
        Buffer buffer = Buffer.buffer();
        encodeToWire(buffer, value);
        return buffer;
    }

    /** A value from what {@link #encode} made. */
    public T decode(Buffer buffer) {
        return decodeFromWire(0, buffer);
    }

    /** The JSON header of what {@link #encode} made, read without decoding the bytes after it. */
    public static JsonObject header(Buffer buffer) {
        return buffer.getBuffer(4, 4 + buffer.getInt(0)).toJsonObject();
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "stylecast:" + type.getName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
