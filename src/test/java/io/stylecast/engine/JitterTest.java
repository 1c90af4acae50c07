package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class JitterTest {

    @Test
    void rollWrapsAround() {
        INDArray image = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {1, 1, 2, 3}, 'c');
        // rows [1 2 3] [4 5 6]; down 1 and right 1: rows [6 4 5] [3 1 2]
        assertArrayEquals(new double[] {6, 4, 5, 3, 1, 2}, Jitter.roll(image, 1, 1).data().asDouble(), 0);
        assertEquals(image, Jitter.roll(Jitter.roll(image, 1, 2), -1, -2));
    }

    @Test
    void shiftsCoverTheRangeAndNoneWhenOff() {
        Jitter jitter = new Jitter(4, 1);
        Set<Jitter.Shift> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Jitter.Shift s = jitter.next();
            assertTrue(s.dy() >= 0 && s.dy() < 4 && s.dx() >= 0 && s.dx() < 4);
            seen.add(s);
        }
        assertEquals(16, seen.size());
        assertEquals(Jitter.Shift.NONE, new Jitter(0, 1).next());
    }

    @Test
    void pixelBoundsClampEachChannelToItsRange() {
        INDArray image = Nd4j.create(new double[] {-200, 160, 210, -60, -1, 300}, new long[] {1, 3, 1, 2}, 'c');
        // bounds: red [-100, 155], green [-50, 205], blue [0, 255]
        PixelBounds.of(new double[] {100, 50, 0}).clamp(image);
        assertArrayEquals(new double[] {-100, 155, 205, -50, 0, 255}, image.data().asDouble(), 0);
    }
}
