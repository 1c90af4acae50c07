package io.stylecast.metrics;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how late a 100 ms timer fires on the calling verticle's event loop: the time the loop was
 * busy or blocked. Records it as {@code stylecast_event_loop_lag_seconds} and warns when it passes
 * 100 ms. (Vert.x's own blocked-thread checker also warns, from 100 ms: see io.stylecast.node.Server#vertxBuilder.)
 */
public final class EventLoopWatch {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoopWatch.class);
    private static final long PERIOD_MS = 100;

    private EventLoopWatch() {
    }

    public static void start(Vertx vertx, StylecastMetrics metrics, String loop) {
        long[] expected = {System.nanoTime() + PERIOD_MS * 1_000_000};
        vertx.setPeriodic(PERIOD_MS, id -> {
            long now = System.nanoTime();
            long lag = Math.max(0, now - expected[0]);
            expected[0] = now + PERIOD_MS * 1_000_000;
            metrics.eventLoopLag(loop, lag);
            if (lag > PERIOD_MS * 1_000_000) {
                LOG.warn("the {} event loop was blocked for {} ms", loop, lag / 1_000_000);
            }
        });
    }
}
