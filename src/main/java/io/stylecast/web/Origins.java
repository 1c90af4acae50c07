package io.stylecast.web;

import io.stylecast.engine.InputException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;

/**
 * Which web pages may use the API and the WebSocket: the server's own (an Origin equal to {@code http(s)://<Host>}),
 * clients that send no Origin at all (curl, scripts), and the sites listed in {@code http.allowedOrigins}, for which
 * Vert.x Web's {@link CorsHandler} answers preflights and adds the CORS headers. A request from any other page is
 * refused with 403.
 */
final class Origins {

    /** Null when no other site is listed: then only the server's own pages and Origin-less clients are served. */
    private final CorsHandler cors;

    /** @throws IllegalArgumentException for a listed origin that is not scheme://host[:port] (or *) */
    Origins(List<String> allowedOrigins) {
        try {
            cors = allowedOrigins.isEmpty() ? null : CorsHandler.create().addOrigins(allowedOrigins)
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE))
                    .allowedHeaders(Set.of("Content-Type", "Authorization"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("http.allowedOrigins must list origins such as https://school.example"
                    + " (scheme, host, port if not the default) or \"*\", got " + allowedOrigins);
        }
    }

    /** A route handler for {@code /api/*} and {@code /ws/*}: the server's own pages pass, listed sites get CORS. */
    void check(RoutingContext ctx) {
        if (sameSite(ctx.request())) {
            ctx.next();
        } else if (cors != null) {
            cors.handle(ctx);   // a listed site: headers (or the preflight's answer); any other: fails with 403
        } else {
            ApiErrors.send(ctx, 403, refusal(ctx.request()));
        }
    }

    /** No Origin (not a page), or the page is this server's own. */
    private static boolean sameSite(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        String host = request.getHeader("Host");
        return origin == null || host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    /** Why a request from another site's page is refused. */
    static String refusal(HttpServerRequest request) {
        return "requests from " + InputException.describe(request.getHeader("Origin")).replace("'", "")
                + " are not allowed; add it to http.allowedOrigins";
    }
}
