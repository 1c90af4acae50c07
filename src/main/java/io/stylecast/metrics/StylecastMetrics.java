package io.stylecast.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's own meters, next to the Vert.x and JVM ones in the same registry. In Prometheus:
 * {@code stylecast_iterations_total}, {@code stylecast_iteration_seconds},
 * {@code stylecast_sessions{state=...}}, {@code stylecast_frames_sent_total},
 * {@code stylecast_frames_dropped_total}, {@code stylecast_frame_encode_seconds}. Thread-safe.
 */
public final class StylecastMetrics {

    private final MeterRegistry registry;
    private final Counter iterations;
    private final Timer iterationTime;
    private final Counter framesSent;
    private final Counter framesDropped;
    private final Timer frameEncode;

    public StylecastMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.iterations = Counter.builder("stylecast.iterations").description("Optimiser iterations run").register(registry);
        this.iterationTime = Timer.builder("stylecast.iteration").description("Time of one iteration: loss, gradient, step")
                .register(registry);
        this.framesSent = Counter.builder("stylecast.frames.sent").description("Frames written to viewers").register(registry);
        this.framesDropped = Counter.builder("stylecast.frames.dropped")
                .description("Frames skipped for viewers that had not acknowledged the previous one").register(registry);
        this.frameEncode = Timer.builder("stylecast.frame.encode").description("Time to recover and encode one frame")
                .register(registry);
    }

    /** The registry of the running Vert.x metrics backend, or a private one when metrics are off. */
    public static StylecastMetrics ofVertx() {
        MeterRegistry registry = BackendRegistries.getDefaultNow();
        return new StylecastMetrics(registry != null ? registry : new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void iteration(long nanos) {
        iterations.increment();
        iterationTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void frameEncoded(long nanos) {
        frameEncode.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void frameSent() {
        framesSent.increment();
    }

    public void frameDropped() {
        framesDropped.increment();
    }

    /** How late a periodic timer fired on an event loop: the time the loop was busy. */
    /** An event loop later than this was blocked: a bucket of the lag histogram, to count and alert on. */
    public static final java.time.Duration EVENT_LOOP_LAG_LIMIT = java.time.Duration.ofMillis(100);

    public void eventLoopLag(String loop, long nanos) {
        Timer.builder("stylecast.event.loop.lag").description("Delay of a 100 ms timer on an event loop")
                .tag("loop", loop).serviceLevelObjectives(EVENT_LOOP_LAG_LIMIT).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A gauge of how many sessions are in {@code state}. */
    public void sessionsGauge(String state, Supplier<Number> count) {
        Gauge.builder("stylecast.sessions", count).description("Sessions by state").tag("state", state).register(registry);
    }
}
