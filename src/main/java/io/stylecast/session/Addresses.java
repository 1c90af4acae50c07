package io.stylecast.session;

/** Every event-bus address of the server, in one place. */
public final class Addresses {

    /** Request: a {@link SessionSpec}; reply: a {@link SessionTicket}. */
    public static final String CREATE = "stylecast.sessions.create";
    /** Request: a session id; reply: the session's status JSON. */
    public static final String STATUS = "stylecast.sessions.status";
    /** Request: a session id; reply: the latest frame (a Buffer with a {@code format} header), or 404. */
    public static final String IMAGE = "stylecast.sessions.image";
    /** Request: {@code {"id", "token", "type": pause|resume|cancel|update, "params"}}; reply: the new status. */
    public static final String CONTROL = "stylecast.sessions.control";
    /** Request: anything; reply: {@code {"running", "queued", "workers", "model"}}. */
    public static final String HEALTH = "stylecast.sessions.health";
    /** Request: {@code {"id", "token", "client"}} for a session saved by a shutdown; reply: its new status. */
    public static final String RESUME = "stylecast.sessions.resume";
    /** Send: {@code {"worker": index}} when a worker verticle is gone and being deployed again. */
    public static final String WORKER_LOST = "stylecast.workers.lost";
    /** Send: {@code {"id", "delta": 1 | -1}} as a viewer connects or leaves. */
    public static final String VIEWERS = "stylecast.sessions.viewers";
    /** Request: {@code {"id", "token"}}; reply: {@code {"owner": bool}} or 404 when there is no such session. */
    public static final String AUTHORIZE = "stylecast.sessions.authorize";

    private Addresses() {
    }

    /**
     * Where a session's events are published for every viewer: JSON objects with a {@code type}
     * (status, progress, done, error) and frames as Buffers with {@code iteration} and
     * {@code format} headers.
     */
    public static String events(String sessionId) {
        return "stylecast.session." + sessionId;
    }

    /** A worker's inbox: {@link SessionSpec}s to start and control JSON. */
    public static String worker(int index) {
        return "stylecast.worker." + index;
    }
}
