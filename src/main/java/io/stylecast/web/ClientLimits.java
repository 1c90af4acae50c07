package io.stylecast.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.stylecast.session.SessionSpec;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Request rate limits: at most {@code perClient} API requests in any minute from one client ({@link Clients}: a
 * browser, or an address without one) and {@code perAddress} from one address (a room behind one), each a token
 * bucket refilled continuously, past which requests get 429 with a Retry-After hint. A bucket is forgotten once its
 * client has been idle for a minute (it would be full again by then), so clients coming and going do not make the
 * server forget one that is over its limit (up to {@value #MAX_BUCKETS} buckets, a bound on memory). Confined to the HTTP verticle's event loop.
 */
final class ClientLimits {

    private static final Duration FULL_AGAIN = Duration.ofMinutes(1);
    /** A bound on memory (about 100 bytes a bucket) against a flood of made-up client ids. */
    private static final long MAX_BUCKETS = 200_000;

    private final int perClient;
    private final int perAddress;
    private final Ticker ticker;
    private final Cache<String, double[]> clients;
    private final Cache<String, double[]> addresses;

    ClientLimits(int perClient, int perAddress) {
        this(perClient, perAddress, Ticker.systemTicker());
    }

    /** @param ticker the time in nanoseconds (tests move it) */
    ClientLimits(int perClient, int perAddress, Ticker ticker) {
        this.perClient = perClient;
        this.perAddress = perAddress;
        this.ticker = ticker;
        this.clients = Caffeine.newBuilder().expireAfterAccess(FULL_AGAIN).maximumSize(MAX_BUCKETS).ticker(ticker)
                .executor(Runnable::run).build();
        this.addresses = Caffeine.newBuilder().expireAfterAccess(FULL_AGAIN).maximumSize(MAX_BUCKETS).ticker(ticker)
                .executor(Runnable::run).build();
    }

    void check(RoutingContext ctx) {
        String refusal = take(Clients.of(ctx));
        if (refusal != null) {
            int limit = refusal.equals("client") ? perClient : perAddress;
            ctx.response().putHeader("Retry-After", Long.toString((long) Math.ceil(60.0 / limit)));
            ApiErrors.send(ctx, 429, "too many requests: at most " + limit + " a minute from one " + refusal);
            return;
        }
        ctx.next();
    }

    /** Takes a token for one request of {@code client}; null when it may go on, else "client" or "address". */
    String take(String client) {
        long now = ticker.read();
        double[] mine = bucket(clients, client, perClient, now);
        double[] room = bucket(addresses, SessionSpec.addressOf(client), perAddress, now);
        if (mine[0] < 1 || room[0] < 1) {
            return mine[0] < 1 ? "client" : "address";
        }
        mine[0] -= 1;
        room[0] -= 1;
        return null;
    }

    private static double[] bucket(Cache<String, double[]> buckets, String key, int perMinute, long now) {
        double[] bucket = buckets.get(key, k -> new double[] {perMinute, now});
        bucket[0] = Math.min(perMinute, bucket[0] + (now - bucket[1]) / 60e9 * perMinute);
        bucket[1] = now;
        return bucket;
    }
}
