package io.stylecast.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x's HTTP/1 request decoder with three more rules, put in each connection's pipeline by
 * {@link ConnectionGuard}:
 * <ul>
 *   <li>a request's headers must all arrive within {@code headerTimeoutMillis} of its first byte,
 *       however slowly they trickle in (a "slowloris" client is cut off), and a new connection's
 *       first request within that time of the connection's opening (a silent one holds a file
 *       descriptor for no more than that; between requests the idle timeout applies);</li>
 *   <li>its body must all arrive within {@code bodyTimeoutMillis} of its headers;</li>
 *   <li>a request with both {@code Content-Length} and {@code Transfer-Encoding} is refused (400),
 *       where Netty would let chunked win: a proxy in front may read it the other way
 *       (request smuggling, RFC 9112 section 6.3).</li>
 * </ul>
 * A connection past a deadline is closed. Confined to the connection's event loop.
 *
 * <p>Vert.x has no public API for either rule, so this is the one class that uses Vert.x internals: its HTTP/1
 * decoder ({@code VertxHttpRequestDecoder}, subclassed) and the connection's Netty pipeline ({@code ConnectionBase},
 * where the decoder is named {@code httpDecoder}). {@code GuardedRequestDecoderTest} fails loudly if an upgrade of
 * Vert.x changes either.
 */
final class GuardedRequestDecoder extends VertxHttpRequestDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedRequestDecoder.class);

    private final long headerTimeoutMillis;
    private final long bodyTimeoutMillis;
    private boolean inRequest;
    private ScheduledFuture<?> deadline;

    /**
     * Puts the guarded decoder in place of Vert.x's on a new HTTP/1 connection, before anything is decoded.
     *
     * @return false when the connection is not of the kind expected (its deadlines then not enforced)
     */
    static boolean install(HttpConnection connection, HttpServerOptions options, long headerTimeoutMillis,
                           long bodyTimeoutMillis) {
        var pipeline = connection instanceof ConnectionBase base ? base.channel().pipeline() : null;
        if (pipeline == null || !(pipeline.get("httpDecoder") instanceof VertxHttpRequestDecoder)) {
            return false;
        }
        pipeline.replace("httpDecoder", "httpDecoder", new GuardedRequestDecoder(options, headerTimeoutMillis, bodyTimeoutMillis));
        return true;
    }

    private GuardedRequestDecoder(HttpServerOptions options, long headerTimeoutMillis, long bodyTimeoutMillis) {
        super(options);
        this.headerTimeoutMillis = headerTimeoutMillis;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        inRequest = true;
        arm(ctx, headerTimeoutMillis, "its first request");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (!inRequest && buffer.isReadable()) {
            inRequest = true;
            arm(ctx, headerTimeoutMillis, "its headers");
        }
        // the first request's deadline runs from the connection's opening
        int before = out.size();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            Object decoded = out.get(i);
            if (decoded instanceof HttpMessage) {
                arm(ctx, bodyTimeoutMillis, "its body");
            }
            if (decoded instanceof LastHttpContent) {
                inRequest = false;
                disarm();
            }
        }
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("a request must not have both Content-Length and Transfer-Encoding");
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.handlerRemoved0(ctx);
    }

    private void arm(ChannelHandlerContext ctx, long millis, String what) {
        disarm();
        deadline = ctx.executor().schedule(() -> {
            LOG.debug("closing {}: {} did not arrive within {} ms", ctx.channel().remoteAddress(), what, millis);
            ctx.close();
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
