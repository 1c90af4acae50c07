package io.stylecast.session.protocol;

import io.stylecast.engine.InputException;
import io.stylecast.engine.loss.LossValues;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The one JSON form of each protocol type: what browsers get and send over the WebSocket and the
 * REST API, and what crosses the cluster's event bus inside {@link ProtocolCodecs}. A frame's JSON
 * is its header; its image travels beside it (a binary WebSocket message, or the wire form's tail).
 */
public final class ProtocolJson {

    private ProtocolJson() {
    }

    public static JsonObject toJson(SessionEvent event) {
        if (event instanceof SessionStatus status) {
            return toJson(status).put("type", "status");
        }
        JsonObject json = new JsonObject().put("type", type(event)).put("id", event.sessionId());
        if (event instanceof SessionEvent.Progress p) {
            json.put("iteration", p.iteration()).put("iterations", p.iterations());
            p.losses().asMap().forEach(json::put);
            if (!p.losses().styleLayers().isEmpty()) {
                json.put("styleLayers", new JsonObject(new java.util.LinkedHashMap<>(p.losses().styleLayers())));
            }
            json.put("itPerSec", p.itPerSec());
        } else if (event instanceof SessionEvent.Frame f) {
            json.put("iteration", f.iteration()).put("format", f.format());
        } else if (event instanceof SessionEvent.Error e) {
            json.put("message", e.message());
        }
        return json;
    }

    /** @param image a frame's image, which its JSON does not hold; null for other events */
    public static SessionEvent event(JsonObject json, io.vertx.core.buffer.Buffer image) {
        String id = json.getString("id");
        return switch (json.getString("type")) {
            case "status" -> status(json);
            case "progress" -> new SessionEvent.Progress(id, json.getInteger("iteration"), json.getInteger("iterations"),
                    losses(json), json.getDouble("itPerSec"));
            case "frame" -> new SessionEvent.Frame(id, json.getInteger("iteration"), json.getString("format"), image);
            case "done" -> new SessionEvent.Done(id);
            case "error" -> new SessionEvent.Error(id, json.getString("message"));
            default -> throw new IllegalArgumentException("not a session event: " + json.getString("type"));
        };
    }

    /** The {@code type} of an event's JSON: {@code status}, or the record's name in lower case ({@code progress}, ...). */
    public static String type(SessionEvent event) {
        return event instanceof SessionStatus ? "status" : event.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    public static JsonObject toJson(SessionStatus status) {
        JsonObject json = new JsonObject().put("id", status.id()).put("state", status.state().id())
                .put("iteration", status.iteration()).put("iterations", status.iterations())
                .put("losses", status.losses() == null ? new JsonObject() : new JsonObject(new java.util.LinkedHashMap<>(status.losses().asMap())))
                .put("queuePosition", status.queuePosition() > 0 ? status.queuePosition() : null);
        if (status.startsInSeconds() > 0) {
            json.put("startsInSeconds", status.startsInSeconds());
        }
        return putIfSet(json, "message", status.message());
    }

    public static SessionStatus status(JsonObject json) {
        JsonObject losses = json.getJsonObject("losses");
        Integer queuePosition = json.getInteger("queuePosition");
        return new SessionStatus(json.getString("id"), state(json.getString("state")), json.getInteger("iteration"),
                json.getInteger("iterations"), losses == null || losses.isEmpty() ? null : losses(losses),
                queuePosition == null ? 0 : queuePosition, json.getString("message"), json.getInteger("startsInSeconds", 0));
    }

    /** {@code {"type": "pause" | "resume" | "cancel" | "update", "id", "params": {...}}}. */
    public static JsonObject toJson(Control control) {
        JsonObject json = new JsonObject().put("type", control.verb()).put("id", control.sessionId());
        if (control instanceof Control.Update u) {
            JsonObject params = new JsonObject();
            putIfSet(params, "contentWeight", u.contentWeight());
            putIfSet(params, "styleWeight", u.styleWeight());
            putIfSet(params, "tvWeight", u.tvWeight());
            putIfSet(params, "learningRate", u.learningRate());
            json.put("params", params);
        }
        return json;
    }

    /**
     * A control as a browser or the wire sends it.
     *
     * @throws InputException for an unknown verb, or update parameters that are not numbers or not updatable
     */
    public static Control control(String sessionId, JsonObject json) {
        Object verb = json.getValue("type");
        return switch (String.valueOf(verb)) {
            case "pause" -> new Control.Pause(sessionId);
            case "resume" -> new Control.Resume(sessionId);
            case "cancel" -> new Control.Cancel(sessionId);
            case "update" -> update(sessionId, json.getValue("params"));
            default -> throw new InputException("unknown control " + InputException.describe(verb)
                    + "; use pause, resume, cancel or update");
        };
    }

    private static Control.Update update(String sessionId, Object value) {
        JsonObject params = value instanceof JsonObject object ? object : new JsonObject();
        if (value != null && !(value instanceof JsonObject)) {
            throw new InputException("update params must be a JSON object");
        }
        for (String field : params.fieldNames()) {
            if (!java.util.Set.of("contentWeight", "styleWeight", "tvWeight", "learningRate").contains(field)) {
                throw new InputException(InputException.describe(field) + " cannot change while a session runs; these can: "
                        + "contentWeight, learningRate, styleWeight, tvWeight");
            }
            if (!(params.getValue(field) instanceof Number)) {
                throw new InputException(field + " must be a number, got " + InputException.describe(params.getValue(field)));
            }
        }
        return new Control.Update(sessionId, number(params, "contentWeight"), number(params, "styleWeight"),
                number(params, "tvWeight"), number(params, "learningRate"));
    }

    public static JsonObject toJson(ControlRequest request) {
        return new JsonObject().put("token", request.ownerToken()).put("control", toJson(request.control()));
    }

    public static ControlRequest controlRequest(JsonObject json) {
        JsonObject control = json.getJsonObject("control");
        return new ControlRequest(json.getString("token"), control(control.getString("id"), control));
    }

    private static Double number(JsonObject json, String field) {
        Number n = (Number) json.getValue(field);
        return n == null ? null : n.doubleValue();
    }

    private static LossValues losses(JsonObject json) {
        java.util.Map<String, Number> map = new java.util.HashMap<>();
        for (String key : new String[] {"contentLoss", "styleLoss", "tvLoss", "totalLoss"}) {
            map.put(key, (Number) json.getValue(key));
        }
        LossValues terms = LossValues.fromMap(map);
        java.util.Map<String, Double> layers = new java.util.LinkedHashMap<>();
        JsonObject styleLayers = json.getJsonObject("styleLayers");
        if (styleLayers != null) {
            styleLayers.forEach(e -> layers.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
        }
        return new LossValues(terms.content(), terms.style(), terms.totalVariation(), terms.total(), layers);
    }

    private static SessionState state(String id) {
        return SessionState.of(id);
    }

    private static JsonObject putIfSet(JsonObject json, String key, Object value) {
        return value == null ? json : json.put(key, value);
    }
}
