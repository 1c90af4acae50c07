package io.stylecast.session.protocol;

import io.stylecast.engine.loss.LossValues;
import io.vertx.core.buffer.Buffer;

/**
 * What a session tells the manager (sent by its worker to {@code Addresses.run(id, attempt)}) and its
 * viewers (passed on by the manager on {@code Addresses.events(id)}): its {@link SessionStatus} when
 * its state or message changes ({@code moved} when its node is lost), and the events below.
 * Delivered as these objects within a process and in their wire form across a cluster
 * ({@link ProtocolCodecs}); turned into JSON only for browsers ({@link ProtocolJson}).
 */
public sealed interface SessionEvent permits SessionStatus, SessionEvent.Progress, SessionEvent.Frame,
        SessionEvent.Done, SessionEvent.Error {

    String sessionId();

    /** The losses of the image before the {@code iteration}-th update; sent for every iteration. */
    record Progress(String sessionId, int iteration, int iterations, LossValues losses, double itPerSec)
            implements SessionEvent {
    }

    /** The image after {@code iteration} updates, encoded once for every viewer. */
    record Frame(String sessionId, int iteration, String format, Buffer image) implements SessionEvent {
    }

    /** All iterations are done; the final image is written. */
    record Done(String sessionId) implements SessionEvent {
    }

    /** Something the owner should know that does not change the state. */
    record Error(String sessionId, String message) implements SessionEvent {
    }
}
