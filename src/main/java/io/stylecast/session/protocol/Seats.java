package io.stylecast.session.protocol;

/**
 * A WebSocket's seat among a session's viewers: asked for when it opens ({@link Request}, answered with a {@link Seat}
 * or refused {@link Refusal#TOO_MANY}), given back when it closes ({@link Returned}).
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
}
