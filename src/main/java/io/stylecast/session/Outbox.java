package io.stylecast.session;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.EventBus;

/**
 * Where a worker's messages leave from: an event loop's context, in the order they were given.
 * A worker's own thread is never free between iterations, and the clustered event bus looks up an
 * address it has not sent to before with a blocking task on the sender's pool; sent from the
 * worker's one-thread pool, that lookup would wait for the session to end.
 */
final class Outbox {

    private final Context eventLoop;
    private final EventBus bus;
    private final boolean managerElsewhere;

    /** @param managerElsewhere whether the session manager runs on another node (this is a worker node) */
    Outbox(Context eventLoop, EventBus bus, boolean managerElsewhere) {
        if (!eventLoop.isEventLoopContext()) {
            throw new IllegalArgumentException("an outbox sends from an event loop");
        }
        this.eventLoop = eventLoop;
        this.bus = bus;
        this.managerElsewhere = managerElsewhere;
    }

    /**
     * Sends a checkpoint to the manager; completes when it has it. For a manager on another node it
     * is encoded here, on the calling worker's thread, and its arrays are released at once, so that
     * neither event loop spends time on its arrays.
     */
    Future<Object> checkpoint(SessionCheckpoint checkpoint) {
        if (!managerElsewhere) {
            return request(Addresses.CHECKPOINT, checkpoint);
        }
        try {
            return request(Addresses.CHECKPOINT, SessionWire.encodeCheckpoint(checkpoint));
        } finally {
            checkpoint.checkpoint().release();
        }
    }

    void send(String address, Object message) {
        eventLoop.runOnContext(v -> bus.send(address, message));
    }

    /** Completes (on the event loop) with the reply. */
    Future<Object> request(String address, Object message) {
        Promise<Object> reply = Promise.promise();
        eventLoop.runOnContext(v -> bus.request(address, message).map(m -> m.body()).onComplete(reply));
        return reply.future();
    }
}
