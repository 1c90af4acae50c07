package io.stylecast.session;

import io.stylecast.session.protocol.SessionState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a worker node tells the manager every {@code cluster.heartbeatMillis}, as a request whose reply is a
 * {@link NodeReply}: its capacity, the sessions it runs and the runs that ended since the manager last took note.
 * The manager places sessions from it, takes back the runs of a session it holds from before a restart, learns what
 * ended while it was away, and tells the node which runs to stop (their sessions moved on).
 *
 * @param id the node's member id in the cluster ({@code host:port/suffix}), or {@code local} without a cluster
 * @param role {@code worker}, or {@code all} for a node that also serves the web
 * @param workers its worker verticles
 * @param memoryBudgetMb what its sessions may take together ({@code memory.budgetMb} on that node)
 * @param backend what its workers compute on
 * @param model the network its workers hold, by name
 * @param layerNames that network's feature layers, to check requests against
 * @param httpPort where it serves {@code /api/health} and {@code /metrics}; 0 for none of its own
 * @param runs each session it runs, by id
 * @param outcomes runs that ended and that no manager has taken note of yet
 */
public record NodeInfo(String id, String role, int workers, long memoryBudgetMb, JsonObject backend, String model,
                       List<String> layerNames, int httpPort, Map<String, Run> runs, List<Outcome> outcomes,
                       JsonObject defaults) {

    /** A session a node runs: which placement of it (its attempt), on which worker, in which state, at which iteration. */
    public record Run(int attempt, int worker, SessionState state, int iteration) {
    }

    /** How a run ended: {@code done}, {@code failed} or {@code cancelled}, at which iteration, with which message. */
    public record Outcome(String sessionId, int attempt, SessionState state, int iteration, String message) {
    }

    public NodeInfo {
        layerNames = List.copyOf(layerNames);
        runs = Map.copyOf(runs);
        outcomes = List.copyOf(outcomes);
    }

    public JsonObject toJson() {
        JsonObject runsJson = new JsonObject();
        runs.forEach((session, run) -> runsJson.put(session, new JsonObject().put("attempt", run.attempt())
                .put("worker", run.worker()).put("state", run.state().id()).put("iteration", run.iteration())));
        JsonArray outcomesJson = new JsonArray();
        outcomes.forEach(o -> outcomesJson.add(new JsonObject().put("id", o.sessionId()).put("attempt", o.attempt())
                .put("state", o.state().id()).put("iteration", o.iteration()).put("message", o.message())));
        return new JsonObject().put("id", id).put("role", role).put("workers", workers).put("memoryBudgetMb", memoryBudgetMb)
                .put("backend", backend).put("model", model).put("layerNames", new JsonArray(layerNames))
                .put("httpPort", httpPort).put("runs", runsJson).put("outcomes", outcomesJson).put("defaults", defaults);
    }

    public static NodeInfo fromJson(JsonObject json) {
        Map<String, Run> runs = new LinkedHashMap<>();
        json.getJsonObject("runs").forEach(e -> {
            JsonObject run = (JsonObject) e.getValue();
            runs.put(e.getKey(), new Run(run.getInteger("attempt"), run.getInteger("worker"), SessionState.of(run.getString("state")),
                    run.getInteger("iteration")));
        });
        List<Outcome> outcomes = json.getJsonArray("outcomes").stream().map(JsonObject.class::cast)
                .map(o -> new Outcome(o.getString("id"), o.getInteger("attempt"), SessionState.of(o.getString("state")),
                        o.getInteger("iteration"), o.getString("message"))).toList();
        List<String> layers = json.getJsonArray("layerNames").stream().map(String.class::cast).toList();
        return new NodeInfo(json.getString("id"), json.getString("role"), json.getInteger("workers"), json.getLong("memoryBudgetMb"),
                json.getJsonObject("backend"), json.getString("model"), layers, json.getInteger("httpPort"), runs, outcomes,
                json.getJsonObject("defaults", new JsonObject()));
    }

    /** A network's defaults as a node announces them, for the page: layers, loss weights and jitter. */
    public static JsonObject defaultsJson(io.stylecast.engine.net.NetworkDefaults d) {
        return new JsonObject().put("contentLayers", new JsonArray(d.contentLayers()))
                .put("styleLayers", new JsonObject(new LinkedHashMap<>(d.styleLayers())))
                .put("contentWeight", d.contentWeight()).put("styleWeight", d.styleWeight()).put("jitter", d.jitter());
    }
}
