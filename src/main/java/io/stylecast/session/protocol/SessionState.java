package io.stylecast.session.protocol;

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
    /** Its node is gone; it waits to continue elsewhere from its last checkpoint. */
    MOVED,
    /** Saved by a shutdown, or found unfinished after a crash; its owner can resume it. */
    RESUMABLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state whose {@link #id} this is. @throws IllegalArgumentException for no state's */
    public static SessionState of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    /**
     * Whether a session in this state may go to {@code next}: the one table of legal moves, for
     * the manager's record and the worker's alike. Staying in a state is allowed (a new message).
     */
    public boolean canMoveTo(SessionState next) {
        if (next == this) {
            return !finished();
        }
        return switch (this) {
            case QUEUED -> next == RUNNING || next == CANCELLED || next == FAILED;
            case RUNNING -> next == PAUSED || next == DONE || next == FAILED || next == CANCELLED || next == MOVED;
            case PAUSED -> next == RUNNING || next == FAILED || next == CANCELLED || next == MOVED;
            case MOVED -> next == QUEUED || next == CANCELLED || next == FAILED;
            // a restarted web node takes back a run a worker node still has, or learns how it ended
            case RESUMABLE -> next == QUEUED || next == RUNNING || next == PAUSED || next.finished();
            case DONE, FAILED, CANCELLED -> false;
        };
    }

    /**
     * Whether an owner's control applies to a session in this state: the one table of legal controls, for the
     * table's record and the worker's run alike. Pause a running session, resume a paused one, update either; cancel
     * any that has not finished (a queued, moving or resumable one is cancelled without its worker). Where a control
     * is carried out (here or on the worker) is the caller's; whether it may be, only this.
     */
    public boolean allows(Control control) {
        if (control instanceof Control.Pause) {
            return this == RUNNING;
        }
        if (control instanceof Control.Resume) {
            return this == PAUSED;
        }
        if (control instanceof Control.Update) {
            return this == RUNNING || this == PAUSED;
        }
        return !finished();   // a cancel
    }
}
