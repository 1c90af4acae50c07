package io.stylecast.session.protocol;

import java.util.List;

/**
 * The class wall: the sessions their owners put on it, oldest first, those under way and the finished paintings
 * still kept (the web layer gives each its page's address).
 */
public record Wall(List<Entry> sessions) {

    public Wall {
        sessions = List.copyOf(sessions);
    }

    public record Entry(String sessionId, SessionState state, int iteration, int iterations, String caption) {
    }
}
