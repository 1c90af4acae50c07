package io.stylecast.session.protocol;

/**
 * A WebSocket's seat among a session's viewers: asked for when it opens ({@link Request}, answered with a {@link Seat}
 * or refused {@link Refusal#TOO_MANY}), given back when it closes ({@link Returned}); in a cluster each web node also
 * says how many it has ({@link Census}).
 */
public final class Seats {

    private Seats() {
    }

    /** @param ownerToken the token the socket came with, or null: an owner always gets a seat */
    public record Request(String sessionId, String ownerToken) {
    }

    /** @param owner whether the socket is the owner's (it may control the session) */
    public record Seat(boolean owner) {
    }

    public record Returned(String sessionId) {
    }

    /**
     * The viewers one web node's HTTP verticle has of each session now, sent every {@code cluster.heartbeatMillis}:
     * a table that took over from a web node that went away learns who still watches (it counts only the seats it gave).
     *
     * @param from the verticle's own id, its reports replacing each other
     * @param viewers the sessions it has viewers of, and how many
     */
    public record Census(String from, java.util.Map<String, Integer> viewers) {
    }
}
