package io.stylecast.session.worker;

import io.stylecast.session.Addresses;
import io.stylecast.session.SessionCheckpoint;
import io.stylecast.session.SessionFile;
import io.stylecast.session.SessionWire;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a worker's messages leave from: an event loop's context, in the order they were given.
 * A worker's own thread is never free between iterations, and the clustered event bus looks up an
 * address it has not sent to before with a blocking task on the sender's pool; sent from the
 * worker's one-thread pool, that lookup would wait for the session to end.
 * <p>
 * A session's files go to the manager, which keeps them where the session is downloaded from; one that does not
 * arrive (no web node answers, or the one that did went away) waits here, the oldest dropped past
 * {@value #MAX_WAITING_BYTES} bytes, and goes again every {@value #RETRY_MILLIS} ms and at {@link #retry}: what
 * a run made while the table moved between web nodes reaches the new one within seconds of its start, before it is
 * at risk of dying with this node. A file that arrives twice (its reply was lost) is written twice, the same.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    static final long MAX_WAITING_BYTES = 256L << 20;
    /** How long the table has to write a file and say so before it is sent again. */
    static final long FILE_TIMEOUT_MILLIS = 10_000;
    /** How soon a file that did not arrive goes again. */
    static final long RETRY_MILLIS = 1000;

    private final Context eventLoop;
    private final EventBus bus;
    private final boolean managerElsewhere;
    /** Files not yet delivered, and what waits for them ({@link #afterFiles}); confined to the event loop. */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private boolean delivering;
    private boolean retrying;

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

    /** Sends a session's file to the manager, after every file given before it; one that does not arrive waits. */
    void file(SessionFile file) {
        eventLoop.runOnContext(v -> {
            queue(file);
            deliverNext();
        });
    }

    /**
     * Runs {@code action} on the event loop once every file given before it has arrived: a run's last word (its
     * final state) goes after its pictures, so that the manager has them when it learns the run ended.
     */
    void afterFiles(Runnable action) {
        eventLoop.runOnContext(v -> {
            waiting.add(action);
            deliverNext();
        });
    }

    /** Completes (on the event loop) once every file given before it has arrived. */
    Future<Void> delivered() {
        Promise<Void> delivered = Promise.promise();
        afterFiles(delivered::complete);
        return delivered.future();
    }

    /** Sends again the files that did not arrive (a manager answers again). */
    void retry() {
        eventLoop.runOnContext(v -> deliverNext());
    }

    private void queue(SessionFile file) {
        waiting.add(file);
        waitingBytes += file.bytes().length();
        while (waitingBytes > MAX_WAITING_BYTES && waiting.peek() instanceof SessionFile) {
            SessionFile dropped = (SessionFile) waiting.poll();
            waitingBytes -= dropped.bytes().length();
            LOG.warn("session {}: its {} is dropped, no web node having taken it while {} MB of files wait", dropped.sessionId(),
                    dropped.name(), MAX_WAITING_BYTES >> 20);
        }
    }

    /** Delivers what waits, one file at a time, in order, until a file does not arrive. */
    private void deliverNext() {
        while (!delivering && waiting.peek() instanceof Runnable action) {
            waiting.poll();
            action.run();
        }
        if (delivering || !(waiting.peek() instanceof SessionFile next)) {
            return;
        }
        delivering = true;
        bus.request(Addresses.FILES, next, new DeliveryOptions().setSendTimeout(FILE_TIMEOUT_MILLIS)).onComplete(sent -> {
            delivering = false;
            if (sent.succeeded()) {
                if (waiting.peek() == next) {
                    waiting.poll();
                    waitingBytes -= next.bytes().length();
                }
                deliverNext();
            } else {
                LOG.debug("session {}: its {} waits for a web node: {}", next.sessionId(), next.name(), sent.cause().getMessage());
                if (!retrying) {
                    retrying = true;
                    eventLoop.owner().setTimer(RETRY_MILLIS, id -> {
                        retrying = false;
                        deliverNext();
                    });
                }
            }
        });
    }
}
