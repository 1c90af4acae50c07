package io.stylecast.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which web pages may use the API and the WebSocket: the server's own (an Origin equal to
 * {@code http(s)://<Host>}), any listed in {@code http.allowedOrigins}, and clients that send no
 * Origin at all (curl, scripts). Cross-origin reads get CORS headers only for listed origins;
 * cross-origin writes from other pages are refused with 403.
 */
final class Origins {

    private final Set<String> allowed = new HashSet<>();

    Origins(List<String> allowedOrigins) {
        allowed.addAll(allowedOrigins);
    }

    boolean allowed(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || allowed.contains(origin) || allowed.contains("*")) {
            return true;
        }
        String host = request.getHeader("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    /** A route handler: refuses cross-origin writes, adds CORS headers for listed origins. */
    void check(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        boolean ok = allowed(ctx.request());
        if (ok && origin != null && (allowed.contains(origin) || allowed.contains("*"))) {
            ctx.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin")
                    .putHeader("Access-Control-Allow-Headers", "Content-Type, Authorization")
                    .putHeader("Access-Control-Allow-Methods", "GET, POST, DELETE");
            if (ctx.request().method() == HttpMethod.OPTIONS) {
                ctx.response().setStatusCode(204).end();
                return;
            }
        }
        if (!ok && ctx.request().method() != HttpMethod.GET) {
            ApiErrors.send(ctx, 403, "requests from " + origin + " are not allowed; add it to http.allowedOrigins");
            return;
        }
        ctx.next();
    }
}
