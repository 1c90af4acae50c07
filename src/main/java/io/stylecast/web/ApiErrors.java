package io.stylecast.web;

import io.stylecast.engine.InputException;
import io.stylecast.session.protocol.Refusal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error responses: a status and {@code {"error": "..."}} of at most {@link #MAX_MESSAGE} characters,
 * never a stack trace, a Java class name or a path on the server. Messages name the field and what is
 * accepted; they mention what was sent only through {@link io.stylecast.engine.InputException#describe}.
 */
final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /** Longest message sent: an error body stays under 1 KB whatever produced it. */
    static final int MAX_MESSAGE = 900;
    /** What a request hears while no web node keeps the sessions' table. */
    static final String TABLE_AWAY = "the sessions' table did not answer (a web node takes it over when the one keeping it"
            + " goes away); try again in a few seconds";

    private ApiErrors() {
    }

    static void send(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        if (status == 503) {
            ctx.response().putHeader("Retry-After", "10");
        }
        String text = message == null ? "request failed"
                : message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", text).encode());
    }

    /**
     * A failed event-bus request: a session side's {@link Refusal} with its status; 503 while no web node keeps the
     * sessions' table (the seconds one takes it over from a node that went away); anything else a 500.
     */
    static void send(RoutingContext ctx, Throwable failure) {
        Refusal refused = Refusal.of(failure);
        if (refused != null) {
            send(ctx, status(refused), failure.getMessage());
        } else if (tableAway(failure)) {
            send(ctx, 503, TABLE_AWAY);
        } else {
            LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
            send(ctx, 500, "internal error");
        }
    }

    /**
     * Whether a request failed because no node keeps the sessions' table now: nobody listens at its address, or the
     * node that did went away with the request.
     */
    static boolean tableAway(Throwable failure) {
        return failure instanceof io.vertx.core.eventbus.ReplyException reply
                && (reply.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS
                || reply.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT);
    }

    /** The HTTP status of a refusal. */
    static int status(Refusal refused) {
        return switch (refused) {
            case INVALID -> 400;
            case NOT_OWNER -> 403;
            case UNKNOWN_SESSION -> 404;
            case WRONG_STATE, NOT_A_MEMBER -> 409;
            case TOO_LARGE -> 413;
            case TOO_MANY -> 429;
            case FAILED -> 500;
            case UNAVAILABLE -> 503;
        };
    }

    /**
     * The router's failure handler: status codes set by handlers or by Vert.x Web (413 from the body
     * limit, 405 for a method a route does not take) or 500. Only our own {@link InputException}s
     * carry their message out; anything else gets a fixed text for its status.
     */
    static void handle(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        Throwable failure = ctx.failure();
        if (status >= 500 || failure != null && ctx.statusCode() <= 0 && !(failure instanceof InputException)) {
            send(ctx, failure);
        } else if (failure instanceof InputException input) {
            send(ctx, status, input.getMessage());
        } else {
            send(ctx, status, switch (status) {
                case 403 -> Origins.refusal(ctx.request());   // CorsHandler's, for a page of another site
                case 404 -> "no such resource";
                case 405 -> "this resource does not take " + ctx.request().method().name();
                case 408 -> "the request took too long to arrive";
                case 413 -> "the request is too large";
                default -> "the request cannot be handled (" + status + ")";
            });
        }
    }
}
