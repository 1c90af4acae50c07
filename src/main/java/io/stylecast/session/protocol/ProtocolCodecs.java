package io.stylecast.session.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The event-bus codecs of the session protocol. Within a process a message is handed over as the
 * same object (records are immutable; a frame's image is shared, never copied); across a cluster it
 * travels as its {@link ProtocolJson} form, a frame with its image bytes after the JSON header.
 */
public final class ProtocolCodecs {

    private ProtocolCodecs() {
    }

    /** Makes these codecs the defaults for their types on this event bus. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void register(EventBus bus) {
        codecs().forEach((type, codec) -> bus.registerDefaultCodec((Class) type, codec));
    }

    /** The codec of each protocol type. */
    static Map<Class<?>, MessageCodec<?, ?>> codecs() {
        Map<Class<?>, MessageCodec<?, ?>> codecs = new LinkedHashMap<>();
        for (Class<? extends SessionEvent> type : List.of(SessionStatus.class, SessionEvent.Progress.class,
                SessionEvent.Done.class, SessionEvent.Error.class, SessionEvent.Moved.class)) {
            codecs.put(type, eventCodec(type));
        }
        codecs.put(SessionEvent.Frame.class, new Codec<>(SessionEvent.Frame.class, ProtocolJson::toJson,
                (json, image) -> (SessionEvent.Frame) ProtocolJson.event(json, image), SessionEvent.Frame::image));
        for (Class<? extends Control> type : List.of(Control.Pause.class, Control.Resume.class, Control.Cancel.class,
                Control.Update.class)) {
            codecs.put(type, controlCodec(type));
        }
        codecs.put(ControlRequest.class, new Codec<>(ControlRequest.class, ProtocolJson::toJson,
                (json, image) -> ProtocolJson.controlRequest(json), request -> null));
        return codecs;
    }

    private static <T extends SessionEvent> Codec<T> eventCodec(Class<T> type) {
        return new Codec<>(type, ProtocolJson::toJson, (json, image) -> type.cast(ProtocolJson.event(json, null)), event -> null);
    }

    private static <T extends Control> Codec<T> controlCodec(Class<T> type) {
        return new Codec<>(type, ProtocolJson::toJson,
                (json, image) -> type.cast(ProtocolJson.control(json.getString("id"), json)), control -> null);
    }

    /** One protocol type's codec: the object itself locally; JSON, and image bytes if any, on the wire. */
    static final class Codec<T> implements MessageCodec<T, T> {
        private final Class<T> type;
        private final Function<T, JsonObject> toJson;
        private final BiFunction<JsonObject, Buffer, T> fromJson;
        private final Function<T, Buffer> image;

        Codec(Class<T> type, Function<T, JsonObject> toJson, BiFunction<JsonObject, Buffer, T> fromJson,
              Function<T, Buffer> image) {
            this.type = type;
            this.toJson = toJson;
            this.fromJson = fromJson;
            this.image = image;
        }

        @Override
        public void encodeToWire(Buffer buffer, T value) {
            Buffer json = toJson.apply(value).toBuffer();
            Buffer bytes = image.apply(value);
            buffer.appendInt(json.length()).appendBuffer(json).appendInt(bytes == null ? -1 : bytes.length());
            if (bytes != null) {
                buffer.appendBuffer(bytes);
            }
        }

        @Override
        public T decodeFromWire(int pos, Buffer buffer) {
            int jsonLength = buffer.getInt(pos);
            JsonObject json = buffer.getBuffer(pos + 4, pos + 4 + jsonLength).toJsonObject();
            int at = pos + 4 + jsonLength;
            int imageLength = buffer.getInt(at);
            Buffer bytes = imageLength < 0 ? null : buffer.getBuffer(at + 4, at + 4 + imageLength);
            return fromJson.apply(json, bytes);
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
}
