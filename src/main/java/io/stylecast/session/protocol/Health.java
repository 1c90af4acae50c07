package io.stylecast.session.protocol;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The sessions' table's health, as the web layer shows it under {@code /api/health}.
 *
 * @param status {@code UP}, {@code STARTING} or {@code DEGRADED}
 * @param model the network's public name
 * @param defaults the network's defaults, as a node with it announced them; empty before one is there
 * @param backend what the first node with the network computes on; empty before one is there
 * @param workers the workers sessions can be placed on now
 * @param running sessions running or paused
 * @param queued sessions in the queue
 * @param resumable sessions saved before this start, waiting for their owners
 * @param nodes each worker node
 */
public record Health(String status, String model, JsonObject defaults, JsonObject backend, int workers, long running,
                     int queued, int resumable, List<Node> nodes) {

    public Health {
        nodes = List.copyOf(nodes);
    }

    /**
     * A worker node as the table sees it.
     *
     * @param ready whether the table has reached its workers (only then is it given sessions)
     * @param memoryFreeMb its memory budget less what its sessions are estimated to take
     * @param sessions the sessions placed on it
     */
    public record Node(String id, String role, boolean ready, int workers, long memoryFreeMb, int sessions,
                       JsonObject backend, String model) {
    }
}
