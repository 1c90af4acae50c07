package io.stylecast.session.protocol;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                SessionEvent.Done.class, SessionEvent.Error.class)) {
            codecs.put(type, eventCodec(type));
        }
        codecs.put(SessionEvent.Frame.class, new WireCodec<>(SessionEvent.Frame.class, ProtocolJson::toJson,
                (json, image) -> (SessionEvent.Frame) ProtocolJson.event(json, image), SessionEvent.Frame::image));
        for (Class<? extends Control> type : List.of(Control.Pause.class, Control.Resume.class, Control.Cancel.class,
                Control.Update.class)) {
            codecs.put(type, controlCodec(type));
        }
        codecs.put(ControlRequest.class, new WireCodec<>(ControlRequest.class, ProtocolJson::toJson,
                (json, image) -> ProtocolJson.controlRequest(json), request -> null));
        codecs.put(History.class, new WireCodec<>(History.class,
                history -> new JsonObject().put("points", new JsonArray(history.points().stream().map(ProtocolJson::toJson).toList())),
                (json, image) -> new History(json.getJsonArray("points").stream()
                        .map(point -> (SessionEvent.Progress) ProtocolJson.event((JsonObject) point, null)).toList()),
                history -> null));
        for (Class<? extends Record> type : List.of(ResumeRequest.class, Seats.Request.class, Seats.Seat.class,
                Seats.Returned.class, Seats.Census.class, NodeLeft.class, Wall.class, Health.class, SessionTicket.class)) {
            codecs.put(type, recordCodec(type));
        }
        return codecs;
    }

    /** A record of plain values, as JSON by its components' names. */
    private static <T extends Record> WireCodec<T> recordCodec(Class<T> type) {
        return new WireCodec<>(type, JsonObject::mapFrom, (json, image) -> json.mapTo(type), value -> null);
    }

    private static <T extends SessionEvent> WireCodec<T> eventCodec(Class<T> type) {
        return new WireCodec<>(type, ProtocolJson::toJson, (json, image) -> type.cast(ProtocolJson.event(json, null)), event -> null);
    }

    private static <T extends Control> WireCodec<T> controlCodec(Class<T> type) {
        return new WireCodec<>(type, ProtocolJson::toJson,
                (json, image) -> type.cast(ProtocolJson.control(json.getString("id"), json)), control -> null);
    }
}
