package io.stylecast.web;

import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.engine.InputException;
import io.stylecast.session.Addresses;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.ControlRequest;
import io.stylecast.session.protocol.History;
import io.stylecast.session.protocol.ProtocolJson;
import io.stylecast.session.protocol.Refusal;
import io.stylecast.session.protocol.Seats;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * One browser watching one session over a WebSocket. Progress and status messages are always
 * forwarded. Frames go out as a {@code {"type":"frame"}} text message followed by the image as one
 * binary message; after each, the viewer must send {@code {"type":"ack"}} before it gets another.
 * Frames that arrive meanwhile replace each other (latest frame wins), so a slow viewer holds at
 * most one frame and costs no more memory than a fast one. A viewer that stops reading altogether
 * (its socket's write queue is full) misses progress messages until it reads again, since the next
 * one carries the whole state; status, done and error messages still go out. Its seat among the
 * session's viewers was taken by the manager when it was authorised, and is given back when it
 * leaves. Confined to the HTTP verticle's event loop.
 */
final class ViewerSocket {

    private static final Set<String> CONTROLS = Set.of("pause", "resume", "cancel", "update");

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final String sessionId;
    private final String token;
    private final boolean owner;
    private final StylecastMetrics metrics;
    private final int maxMessagesPerSecond;
    private final SessionFeeds feeds;
    private boolean joined;
    private boolean awaitingAck;
    private SessionEvent.Frame pending;
    private long windowStart;
    private int messagesInWindow;

    /** @param feeds the session's events, which this viewer joins on {@link #start} and leaves when it closes */
    ViewerSocket(Vertx vertx, ServerWebSocket socket, String sessionId, String token, boolean owner,
                 StylecastMetrics metrics, int maxMessagesPerSecond, SessionFeeds feeds) {
        this.maxMessagesPerSecond = maxMessagesPerSecond;
        this.feeds = feeds;
        this.vertx = vertx;
        this.socket = socket;
        this.sessionId = sessionId;
        this.token = token;
        this.owner = owner;
        this.metrics = metrics;
    }

    void start() {
        Future<Void> joined = feeds.join(sessionId, this);
        this.joined = true;
        socket.closeHandler(v -> leave());
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(b -> error("binary messages are not understood"));
        socket.exceptionHandler(this::onFailure);
        socket.resume();
        joined.compose(v -> vertx.eventBus().<SessionStatus>request(Addresses.STATUS, sessionId, TableCalls.QUICK))
                .onSuccess(reply -> {
                    send(ProtocolJson.toJson((SessionEvent) reply.body()).put("owner", owner));
                    // the plot from the start, then the latest picture: a late or returning viewer sees the whole run
                    vertx.eventBus().<History>request(Addresses.HISTORY, sessionId, TableCalls.QUICK)
                            .onSuccess(history -> send(new JsonObject().put("type", "history").put("points",
                                    new JsonArray(history.body().points().stream().map(ProtocolJson::toJson).toList()))))
                            .onComplete(sent -> vertx.eventBus().<SessionEvent.Frame>request(Addresses.IMAGE, sessionId, TableCalls.QUICK)
                                    .onSuccess(image -> offer(image.body())));
                })
                .onFailure(e -> refuse(socket, sessionId, e));
    }

    /**
     * Closes a socket the sessions' table did not take: 1008 for a session it does not have (the page gives up); 1013
     * (try again later) for too many viewers or a table that did not answer (moving to another web node), which the
     * page retries.
     */
    static void refuse(ServerWebSocket socket, String sessionId, Throwable failure) {
        Refusal refused = Refusal.of(failure);
        if (refused == Refusal.UNKNOWN_SESSION) {
            socket.close((short) 1008, "no session " + InputException.describe(sessionId));
        } else {
            socket.close((short) 1013, refused == Refusal.TOO_MANY ? failure.getMessage() : ApiErrors.TABLE_AWAY);
        }
    }

    private void leave() {
        if (joined) {
            joined = false;
            feeds.leave(sessionId, this);
            vertx.eventBus().send(Addresses.VIEWERS, new Seats.Returned(sessionId));
        }
    }

    /** Keeps an idle connection (a paused session's) from the server's idle timeout; a dead one still reaches it. */
    void ping() {
        if (!socket.isClosed()) {
            socket.writePing(io.vertx.core.buffer.Buffer.buffer());
        }
    }

    /** A message over the size limit arrives here, not as a message: close with a reason. */
    private void onFailure(Throwable failure) {
        leave();
        if (!socket.isClosed()) {
            String text = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
            boolean tooBig = failure instanceof io.netty.handler.codec.TooLongFrameException || text.contains("size")
                    || text.contains("too long") || text.contains("too big");
            socket.close(tooBig ? (short) 1009 : (short) 1011, tooBig ? "the message is too big" : "the connection failed");
        }
    }

    /** A status, progress, done or error message, encoded once for all viewers. */
    void sendText(String text, boolean progress) {
        if (socket.isClosed() || progress && socket.writeQueueFull()) {
            return;
        }
        socket.writeTextMessage(text);
    }

    /** A frame, shared with every other viewer: sent now, or kept as the next one until this viewer acks. */
    void offer(SessionEvent.Frame frame) {
        if (!awaitingAck) {
            sendFrame(frame);
        } else {
            if (pending != null) {
                metrics.frameDropped();
            }
            pending = frame;
        }
    }

    private void sendFrame(SessionEvent.Frame frame) {
        if (socket.isClosed()) {
            return;
        }
        socket.writeTextMessage(ProtocolJson.toJson(frame).encode());
        socket.writeBinaryMessage(frame.image());
        awaitingAck = true;
        metrics.frameSent();
    }

    /**
     * Every client message: all but the ack of a frame just sent count against the flood limit (a fast
     * session may send more frames a second than the limit), and no exception escapes to the connection.
     */
    private void onText(String text) {
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException e) {
            message = null;
        }
        boolean expectedAck = awaitingAck && message != null && "ack".equals(message.getValue("type"));
        if (!expectedAck && flooding()) {
            socket.close((short) 1008, "too many messages: at most " + maxMessagesPerSecond + " a second");
            return;
        }
        try {
            handle(message);
        } catch (RuntimeException e) {
            error("the message could not be handled: " + e.getMessage());
        }
    }

    private boolean flooding() {
        long now = System.nanoTime();
        if (now - windowStart > 1_000_000_000L) {
            windowStart = now;
            messagesInWindow = 0;
        }
        return ++messagesInWindow > maxMessagesPerSecond;
    }

    private void handle(JsonObject message) {
        if (message == null) {
            error("messages must be JSON objects");
            return;
        }
        String type = String.valueOf(message.getValue("type"));
        if (type.equals("ack")) {
            awaitingAck = false;
            if (pending != null) {
                SessionEvent.Frame next = pending;
                pending = null;
                sendFrame(next);
            }
        } else if (CONTROLS.contains(type)) {
            control(message);
        } else {
            error("unknown message type " + InputException.describe(message.getValue("type"))
                    + "; send ack, pause, resume, cancel or update");
        }
    }

    /** @throws InputException for update parameters that cannot be updated or are not numbers */
    private void control(JsonObject message) {
        Control control = ProtocolJson.control(sessionId, message);
        if (!owner) {
            error("only the session's owner can " + control.verb() + " it; viewers can watch");
            return;
        }
        vertx.eventBus().request(Addresses.CONTROL, new ControlRequest(token, control)).onFailure(e -> error(e.getMessage()));
    }

    /** A message for this viewer alone, in the protocol's one form of an error. */
    private void error(String message) {
        send(ProtocolJson.toJson(new SessionEvent.Error(sessionId, message)));
    }

    private void send(JsonObject json) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(json.encode());
        }
    }
}
