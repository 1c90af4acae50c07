package io.stylecast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.bench.SessionMemoryProbe.Measurement;
import io.stylecast.model.SessionMemory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission's estimate of a session against what a session really adds to a running server's resident memory, at
 * 320x240, a size between those the estimates were measured at, for both built-in architectures. Every test of this
 * module measures a real server: they run in the verify tier (failsafe).
 */
class SessionMemoryEstimateTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void theDefaultNetworksEstimateIsWithinThirtyPercentOfARealSession() throws Exception {
        assertWithinThirtyPercent(SessionMemoryProbe.measure("default", 320, 240, 20, dir), SessionMemory.DEFAULT);
    }

    @Test
    @Timeout(180)
    void vgg19sEstimateIsWithinThirtyPercentOfARealSession() throws Exception {
        assertWithinThirtyPercent(SessionMemoryProbe.measure("random-vgg19", 320, 240, 20, dir), SessionMemory.VGG19);
    }

    private static void assertWithinThirtyPercent(Measurement real, SessionMemory estimate) {
        long estimated = estimate.bytes(real.pixels());
        double ratio = (double) estimated / real.sessionBytes();
        assertTrue(ratio >= 0.7 && ratio <= 1.3, real.model() + " " + real.width() + "x" + real.height() + ": estimated "
                + (estimated >> 20) + " MB, took " + (real.sessionBytes() >> 20) + " MB above "
                + (real.idleBytes() >> 20) + " MB idle");
    }

    @Test
    void theFitIsTheLeastSquaresLine() {
        // bytes = 10 + 2 * pixels exactly, then one point off the line by +3 and one by -3
        List<Measurement> exact = List.of(row(1, 12), row(2, 14), row(4, 18));
        double[] line = MemoryBench.fit(exact);
        assertEquals(10, line[0], 1e-9);
        assertEquals(2, line[1], 1e-9);
        double[] noisy = MemoryBench.fit(List.of(row(1, 15), row(3, 16), row(5, 20)));
        // x mean 3, y mean 17; slope = sum((x-3)(y-17)) / sum((x-3)^2) = (-2*-2 + 0 + 2*3) / 8 = 1.25
        assertEquals(1.25, noisy[1], 1e-9);
        assertEquals(17 - 1.25 * 3, noisy[0], 1e-9);
    }

    private static Measurement row(int pixels, long bytes) {
        return new Measurement("m", pixels, 1, 1, 100, 100 + bytes);
    }
}
