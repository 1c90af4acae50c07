package io.stylecast.session;

/** Every event-bus address of the server, in one place. */
public final class Addresses {

    /** Request: a {@link SessionSpec}; reply: a {@link SessionTicket}. */
    public static final String CREATE = "stylecast.sessions.create";
    /** Request: a session id; reply: its {@link io.stylecast.session.protocol.SessionStatus}, or 404. */
    public static final String STATUS = "stylecast.sessions.status";
    /** Request: a session id; reply: its latest {@link io.stylecast.session.protocol.SessionEvent.Frame}, or 404. */
    public static final String IMAGE = "stylecast.sessions.image";
    /** Request: a {@link io.stylecast.session.protocol.ControlRequest}; reply: the session's status. */
    public static final String CONTROL = "stylecast.sessions.control";
    /** Request: anything; reply: {@code {"running", "queued", "workers", "model"}}. */
    public static final String HEALTH = "stylecast.sessions.health";
    /** Request: {@code {"id", "token", "client"}} for a session saved by a shutdown; reply: its status. */
    public static final String RESUME = "stylecast.sessions.resume";
    /** Send: a {@link SessionCheckpoint} from a worker, for the manager to write. */
    public static final String CHECKPOINT = "stylecast.sessions.checkpoint";
    /** Send: {@code {"worker": index}} when a worker verticle is gone and being deployed again. */
    public static final String WORKER_LOST = "stylecast.workers.lost";
    /** Send: {@code {"id", "delta": 1 | -1}} as a viewer connects or leaves. */
    public static final String VIEWERS = "stylecast.sessions.viewers";
    /** Request: {@code {"id", "token"}}; reply: {@code {"owner": bool}} or 404 when there is no such session. */
    public static final String AUTHORIZE = "stylecast.sessions.authorize";

    private Addresses() {
    }

    /** Where a session's {@link io.stylecast.session.protocol.SessionEvent}s are published, for the manager and every viewer. */
    public static String events(String sessionId) {
        return "stylecast.session." + sessionId;
    }

    /** A worker's inbox: {@link SessionSpec}s to start and {@link io.stylecast.session.protocol.Control}s. */
    public static String worker(int index) {
        return "stylecast.worker." + index;
    }
}
