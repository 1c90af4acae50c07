package io.stylecast.session.protocol;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Arrays;

/**
 * Why the session side refused a request sent over the event bus: the reason travels as the reply's failure code,
 * the words as its message. What a reason means to a browser (an HTTP status, a WebSocket close code) is the web
 * layer's to say; the session side never names a status.
 */
public enum Refusal {
    /** The request cannot be read, or a value in it is out of range. */
    INVALID(1),
    /** No such session (or none that can take this request). */
    UNKNOWN_SESSION(2),
    /** Only the session's owner may do this. */
    NOT_OWNER(3),
    /** The session's state does not allow it now. */
    WRONG_STATE(4),
    /** A cap for this client, address or session is reached. */
    TOO_MANY(5),
    /** The session needs more memory than any node has. */
    TOO_LARGE(6),
    /** Busy or not there now (a full queue, a worker that did not answer): later may work. */
    UNAVAILABLE(7),
    /** It could not be done (a saved session that cannot be continued). */
    FAILED(8),
    /** A node that is not a member of the cluster now. */
    NOT_A_MEMBER(9);

    private final int code;

    Refusal(int code) {
        this.code = code;
    }

    /** Fails {@code message} for this reason, with {@code words} for the user. */
    public void fail(Message<?> message, String words) {
        message.fail(code, words);
    }

    /** The reason of a failed request, or null when it is not a refusal (a timeout, no handler, an error). */
    public static Refusal of(Throwable failure) {
        if (!(failure instanceof ReplyException reply) || reply.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
            return null;
        }
        return Arrays.stream(values()).filter(r -> r.code == reply.failureCode()).findFirst().orElse(null);
    }
}
