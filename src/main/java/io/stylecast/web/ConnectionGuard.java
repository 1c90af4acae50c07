package io.stylecast.web;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds on connections, applied as each one opens: at most {@code maxPerClient} open connections
 * per client ({@link ClientAddress}; WebSockets count, since each is a connection), and the
 * {@link GuardedRequestDecoder} in place of Vert.x's own, for the header and body deadlines and the
 * refusal of ambiguous lengths. Needs {@code HttpServerOptions.setHttp2ClearTextEnabled(false)}, so
 * that the pipeline is complete, and nothing decoded yet, when a connection is reported. Confined
 * to the HTTP verticle's event loop.
 */
final class ConnectionGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final HttpServerOptions options;
    private final long headerTimeoutMillis;
    private final long bodyTimeoutMillis;
    private final int maxPerClient;
    private final Map<String, Integer> open = new HashMap<>();

    ConnectionGuard(HttpServerOptions options, long headerTimeoutMillis, long bodyTimeoutMillis, int maxPerClient) {
        this.options = options;
        this.headerTimeoutMillis = headerTimeoutMillis;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.maxPerClient = maxPerClient;
    }

    void onConnection(HttpConnection connection) {
        String client = ClientAddress.of(connection.remoteAddress());
        int count = open.merge(client, 1, Integer::sum);
        connection.closeHandler(v -> open.computeIfPresent(client, (c, n) -> n > 1 ? n - 1 : null));
        if (count > maxPerClient) {
            LOG.info("refusing a connection from {}: it has {} open (limits.maxConnectionsPerClient)", client, count - 1);
            connection.close();
            return;
        }
        ChannelPipeline pipeline = connection instanceof ConnectionBase base ? base.channel().pipeline() : null;
        if (pipeline != null && pipeline.get("httpDecoder") != null) {
            pipeline.replace("httpDecoder", "httpDecoder",
                    new GuardedRequestDecoder(options, headerTimeoutMillis, bodyTimeoutMillis));
        } else {
            LOG.warn("a connection of an unexpected kind ({}): header and body deadlines are not enforced on it",
                    connection.getClass().getName());
        }
    }
}
