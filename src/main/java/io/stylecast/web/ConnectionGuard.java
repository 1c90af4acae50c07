package io.stylecast.web;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds on connections, applied as each one opens: at most {@code maxPerClient} open connections
 * per address ({@link ClientAddress}; WebSockets count, since each is a connection; a trusted proxy's connections,
 * which carry many clients', are not capped) and {@code maxTotal} in all, so
 * that connections never take the file descriptors the engine and the sessions' files need; and the
 * {@link GuardedRequestDecoder} in place of Vert.x's own, for the header and body deadlines and the
 * refusal of ambiguous lengths. Needs {@code HttpServerOptions.setHttp2ClearTextEnabled(false)}, so
 * that the pipeline is complete, and nothing decoded yet, when a connection is reported. Confined
 * to the HTTP verticle's event loop.
 */
final class ConnectionGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    /** File descriptors kept for the rest of the server (files, the cluster, the engine) beyond those open at start. */
    static final long RESERVED_DESCRIPTORS = 100;

    private final HttpServerOptions options;
    private final long headerTimeoutMillis;
    private final long bodyTimeoutMillis;
    private final int maxPerClient;
    private final int maxTotal;
    private final java.util.function.Predicate<String> proxy;
    private final Map<String, Integer> open = new HashMap<>();
    private int total;
    private long lastRefusalLogMillis;

    /** @param proxy whether an address is a trusted proxy's, whose connections carry many clients' and are not capped */
    ConnectionGuard(HttpServerOptions options, long headerTimeoutMillis, long bodyTimeoutMillis, int maxPerClient,
                    int maxTotal, java.util.function.Predicate<String> proxy) {
        this.proxy = proxy;
        this.options = options;
        this.headerTimeoutMillis = headerTimeoutMillis;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.maxPerClient = maxPerClient;
        this.maxTotal = maxTotal;
    }

    /**
     * The most connections open at once: {@code configured} if above 0, else what the process's file descriptor
     * limit leaves once those open now and {@value #RESERVED_DESCRIPTORS} more (or an eighth of the limit) are set
     * aside, and at least 16.
     */
    static int maxConnections(int configured) {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            long automatic = Math.max(16, limit - unix.getOpenFileDescriptorCount() - Math.max(RESERVED_DESCRIPTORS, limit / 8));
            if (configured > automatic) {
                LOG.warn("limits.maxConnections is {}, but the file descriptor limit ({}) leaves room for about {}: raise it"
                        + " (ulimit -n, systemd LimitNOFILE) or the server may fail to write a session's files", configured, limit,
                        automatic);
            }
            return configured > 0 ? configured : (int) Math.min(Integer.MAX_VALUE, automatic);
        }
        return configured > 0 ? configured : 10_000;
    }

    void onConnection(HttpConnection connection) {
        String client = ClientAddress.of(connection.remoteAddress());
        int count = open.merge(client, 1, Integer::sum);
        total++;
        connection.closeHandler(v -> {
            total--;
            open.computeIfPresent(client, (c, n) -> n > 1 ? n - 1 : null);
        });
        if (count > maxPerClient && !proxy.test(client)) {
            LOG.info("refusing a connection from {}: it has {} open (limits.maxConnectionsPerClient)", client, count - 1);
            connection.close();
            return;
        }
        if (total > maxTotal) {
            long now = System.currentTimeMillis();
            if (now - lastRefusalLogMillis > 10_000) {
                lastRefusalLogMillis = now;
                LOG.warn("refusing connections: {} are open, the most there may be (limits.maxConnections)", total - 1);
            }
            connection.close();
            return;
        }
        if (!GuardedRequestDecoder.install(connection, options, headerTimeoutMillis, bodyTimeoutMillis)) {
            LOG.warn("a connection of an unexpected kind ({}): header and body deadlines are not enforced on it",
                    connection.getClass().getName());
        }
    }
}
