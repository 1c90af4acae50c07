package io.stylecast.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What a worker node tells the manager every {@code cluster.heartbeatMillis}: its capacity and the
 * sessions it runs, each with the attempt it runs. The manager places sessions from it, and stops
 * a run the node still has after its session moved elsewhere.
 *
 * @param id the node's id in the cluster ({@code host:port}), or {@code local} without a cluster
 * @param role {@code worker}, or {@code all} for a node that also serves the web
 * @param workers its worker verticles
 * @param memoryBudgetMb what its sessions may take together ({@code memory.budgetMb} on that node)
 * @param backend {@code cpu} or {@code cuda}
 * @param model the network its workers hold, by name
 * @param layerNames that network's feature layers, to check requests against
 * @param httpPort where it serves {@code /api/health} and {@code /metrics}; 0 for none of its own
 * @param runs each session it runs, by id, with its attempt number
 */
public record NodeInfo(String id, String role, int workers, long memoryBudgetMb, JsonObject backend, String model, List<String> layerNames,
                       int httpPort, Map<String, Integer> runs, JsonObject defaults) {

    public NodeInfo {
        layerNames = List.copyOf(layerNames);
        runs = Map.copyOf(runs);
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("role", role).put("workers", workers).put("memoryBudgetMb", memoryBudgetMb)
                .put("backend", backend).put("model", model).put("layerNames", new JsonArray(layerNames))
                .put("httpPort", httpPort).put("runs", new JsonObject(new java.util.HashMap<>(runs))).put("defaults", defaults);
    }

    public static NodeInfo fromJson(JsonObject json) {
        Map<String, Integer> runs = new java.util.HashMap<>();
        json.getJsonObject("runs").forEach(e -> runs.put(e.getKey(), ((Number) e.getValue()).intValue()));
        List<String> layers = json.getJsonArray("layerNames").stream().map(String.class::cast).toList();
        return new NodeInfo(json.getString("id"), json.getString("role"), json.getInteger("workers"), json.getLong("memoryBudgetMb"),
                json.getJsonObject("backend"), json.getString("model"), layers, json.getInteger("httpPort"), runs,
                json.getJsonObject("defaults", new JsonObject()));
    }

    /** A network's defaults as a node announces them, for the page: layers, loss weights and jitter. */
    public static JsonObject defaultsJson(io.stylecast.engine.net.NetworkDefaults d) {
        return new JsonObject().put("contentLayers", new JsonArray(d.contentLayers()))
                .put("styleLayers", new JsonObject(new java.util.LinkedHashMap<>(d.styleLayers())))
                .put("contentWeight", d.contentWeight()).put("styleWeight", d.styleWeight()).put("jitter", d.jitter());
    }
}
