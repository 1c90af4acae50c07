package io.stylecast.session;

import java.util.Locale;

/** Where a session is in its life. */
public enum SessionState {
    /** Waiting for memory or a worker; has a queue position. */
    QUEUED,
    /** Iterating on a worker. */
    RUNNING,
    /** Held by its owner; keeps its worker's memory. */
    PAUSED,
    /** All iterations done; the final image is written. */
    DONE,
    /** Stopped by an error, which its status gives. */
    FAILED,
    /** Stopped by its owner. */
    CANCELLED,
    /** Saved by a shutdown; its owner can resume it. */
    RESUMABLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
