package io.stylecast.web;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Error responses: a status and {@code {"error": "..."}}, never a stack trace. */
final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static void send(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        if (status == 503) {
            ctx.response().putHeader("Retry-After", "10");
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }

    /** A failed event-bus request: its failure code is the HTTP status (4xx/5xx), anything else is a 500. */
    static void send(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ReplyException reply && reply.failureCode() >= 400 && reply.failureCode() < 600) {
            send(ctx, reply.failureCode(), reply.getMessage());
        } else {
            LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
            send(ctx, 500, "internal error");
        }
    }

    /** The router's failure handler: status codes set by handlers (413 from the body limit) or 500. */
    static void handle(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status == 413) {
            send(ctx, 413, "the request is too large");
        } else if (status >= 500 || ctx.failure() != null && ctx.statusCode() <= 0) {
            send(ctx, ctx.failure());
        } else {
            send(ctx, status, ctx.failure() != null ? ctx.failure().getMessage() : "request failed");
        }
    }
}
