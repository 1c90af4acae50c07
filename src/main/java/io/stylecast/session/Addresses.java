package io.stylecast.session;

/** Every event-bus address of the server, in one place. */
public final class Addresses {

    /** Request: a {@link SessionSpec}; reply: a {@link io.stylecast.session.protocol.SessionTicket}. */
    public static final String CREATE = "stylecast.sessions.create";
    /** Request: a session id; reply: its {@link io.stylecast.session.protocol.SessionStatus}, or 404. */
    public static final String STATUS = "stylecast.sessions.status";
    /** Request: a session id; reply: its latest {@link io.stylecast.session.protocol.SessionEvent.Frame}, or 404. */
    public static final String IMAGE = "stylecast.sessions.image";
    /** Request: a {@link io.stylecast.session.protocol.ControlRequest}; reply: the session's status. */
    public static final String CONTROL = "stylecast.sessions.control";
    /** Request: anything; reply: the table's {@link io.stylecast.session.protocol.Health}. */
    public static final String HEALTH = "stylecast.sessions.health";
    /** Request: anything; reply: the class wall, a {@link io.stylecast.session.protocol.Wall}. */
    public static final String WALL = "stylecast.sessions.wall";
    /** Request: a session id; reply: its progress so far, a {@code History}. */
    public static final String HISTORY = "stylecast.sessions.history";
    /**
     * Request: a session id; reply: its picture now as PNG bytes from its worker, the iteration in the
     * {@code iteration} header; 409 for a session not running or paused.
     */
    public static final String PICTURE = "stylecast.sessions.picture";
    /** Request: a {@link io.stylecast.session.protocol.ResumeRequest} for a saved session; reply: its status. */
    public static final String RESUME = "stylecast.sessions.resume";
    /** Request: a {@link SessionCheckpoint} from a worker (from a worker node, in its wire form), for the manager to write. */
    public static final String CHECKPOINT = "stylecast.sessions.checkpoint";
    /** Request: a worker node's {@link NodeInfo}, every {@code cluster.heartbeatMillis}; reply: a {@link NodeReply}. */
    public static final String NODES = "stylecast.nodes";
    /** Request: a {@link SessionFile} from a worker, for the manager to keep; reply: empty, once it is written (or skipped). */
    public static final String FILES = "stylecast.sessions.files";
    /** Sent to a worker's inbox: answered with the worker's index, to show the manager reaches it. */
    public static final String PROBE = "probe";
    /** Send, within the web node: a node id the cluster manager saw leave. */
    public static final String NODE_LEFT = "stylecast.nodes.left";
    /** Send: a {@link io.stylecast.session.protocol.Seats.Returned} as a viewer's socket closes. */
    public static final String VIEWERS = "stylecast.sessions.viewers";
    /** Send, in a cluster, every heartbeat from each web node: a {@link io.stylecast.session.protocol.Seats.Census}. */
    public static final String CENSUS = "stylecast.sessions.census";
    /**
     * Request: a {@link io.stylecast.session.protocol.Seats.Request} as a viewer's socket opens; reply: its
     * {@link io.stylecast.session.protocol.Seats.Seat}, or refused (no such session, too many viewers).
     */
    public static final String AUTHORIZE = "stylecast.sessions.authorize";

    /**
     * The cluster's lock whose holder keeps the sessions' table (a name of the cluster's, as the addresses are): one web
     * node holds it, the others wait for it.
     */
    public static final String TABLE_LOCK = "stylecast.sessions.manager";

    private Addresses() {
    }

    /**
     * Where the manager publishes a session's {@link io.stylecast.session.protocol.SessionEvent}s to its viewers: every
     * web node with viewers of it listens here once.
     */
    public static String events(String sessionId) {
        return "stylecast.session." + sessionId;
    }

    /**
     * Where the worker running attempt {@code attempt} of a session sends its events, to the manager
     * alone; a stale attempt's address has no consumer, so what it sends goes nowhere.
     */
    public static String run(String sessionId, int attempt) {
        return "stylecast.run." + sessionId + "." + attempt;
    }

    /**
     * A worker's inbox: {@link SessionSpec}s to start, {@link io.stylecast.session.protocol.Control}s (answered with the
     * session's status) and {@link #PROBE}s.
     */
    public static String worker(String node, int index) {
        return "stylecast.worker." + node + "." + index;
    }
}
