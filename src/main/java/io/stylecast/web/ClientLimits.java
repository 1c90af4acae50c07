package io.stylecast.web;

import io.stylecast.session.SessionSpec;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Request rate limits: at most {@code perClient} API requests in any minute from one client ({@link Clients}: a
 * browser, or an address without one) and {@code perAddress} from one address (a room behind one), each a token
 * bucket refilled continuously, past which requests get 429 with a Retry-After hint. Confined to the HTTP verticle's
 * event loop.
 */
final class ClientLimits {

    private final int perClient;
    private final int perAddress;
    private final Map<String, double[]> clients = new HashMap<>();
    private final Map<String, double[]> addresses = new HashMap<>();

    ClientLimits(int perClient, int perAddress) {
        this.perClient = perClient;
        this.perAddress = perAddress;
    }

    void check(RoutingContext ctx) {
        String client = Clients.of(ctx);
        long now = System.nanoTime();
        double[] mine = bucket(clients, client, perClient, now);
        double[] room = bucket(addresses, SessionSpec.addressOf(client), perAddress, now);
        if (mine[0] < 1 || room[0] < 1) {
            boolean alone = mine[0] < 1;
            int limit = alone ? perClient : perAddress;
            ctx.response().putHeader("Retry-After", Long.toString((long) Math.ceil(60.0 / limit)));
            ApiErrors.send(ctx, 429, "too many requests: at most " + limit + " a minute from one "
                    + (alone ? "client" : "address"));
            return;
        }
        mine[0] -= 1;
        room[0] -= 1;
        ctx.next();
    }

    private static double[] bucket(Map<String, double[]> buckets, String key, int perMinute, long now) {
        if (buckets.size() > 10_000 && !buckets.containsKey(key)) {
            buckets.clear();
        }
        double[] bucket = buckets.computeIfAbsent(key, c -> new double[] {perMinute, now});
        bucket[0] = Math.min(perMinute, bucket[0] + (now - bucket[1]) / 60e9 * perMinute);
        bucket[1] = now;
        return bucket;
    }
}
