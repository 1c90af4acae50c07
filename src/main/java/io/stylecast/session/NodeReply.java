package io.stylecast.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The manager's answer to a node's announcement ({@link NodeInfo}): the runs the node is to stop, since their
 * sessions continue elsewhere (the node was taken for lost) or no longer exist; the ended runs the manager has taken
 * note of, which the node may forget; and whether the manager reaches the node's workers (after the cluster merged
 * again, it may not: the node then registers its workers' addresses anew). A node that gets no answer for a while
 * knows no web node hears it.
 */
public record NodeReply(List<String> stop, List<String> forget, boolean reachable) {

    public NodeReply {
        stop = List.copyOf(stop);
        forget = List.copyOf(forget);
    }

    public JsonObject toJson() {
        return new JsonObject().put("stop", new JsonArray(stop)).put("forget", new JsonArray(forget)).put("reachable", reachable);
    }

    public static NodeReply fromJson(JsonObject json) {
        return new NodeReply(json.getJsonArray("stop").stream().map(String.class::cast).toList(),
                json.getJsonArray("forget").stream().map(String.class::cast).toList(), json.getBoolean("reachable"));
    }
}
