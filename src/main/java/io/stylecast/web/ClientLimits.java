package io.stylecast.web;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * A request rate limit per client ({@link ClientAddress}: an IPv4 address or an IPv6 /64): at most {@code perMinute} API requests in any minute
 * (a token bucket refilled continuously), past which requests get 429 with a Retry-After hint.
 * Confined to the HTTP verticle's event loop.
 */
final class ClientLimits {

    private final int perMinute;
    private final Map<String, double[]> buckets = new HashMap<>();

    ClientLimits(int perMinute) {
        this.perMinute = perMinute;
    }

    void check(RoutingContext ctx) {
        String client = ClientAddress.of(ctx.request());
        long now = System.nanoTime();
        double[] bucket = buckets.computeIfAbsent(client, c -> new double[] {perMinute, now});
        bucket[0] = Math.min(perMinute, bucket[0] + (now - bucket[1]) / 60e9 * perMinute);
        bucket[1] = now;
        if (bucket[0] < 1) {
            ctx.response().putHeader("Retry-After", Long.toString((long) Math.ceil(60.0 / perMinute)));
            ApiErrors.send(ctx, 429, "too many requests: at most " + perMinute + " a minute from one client");
            return;
        }
        bucket[0] -= 1;
        if (buckets.size() > 10_000) {
            buckets.clear();
        }
        ctx.next();
    }
}
