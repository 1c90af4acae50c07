package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** Rounds of the whole table, each in its own order: every shift once before any comes again. */
    @Test
    void eachRoundDrawsEveryShiftOnce() {
        Jitter jitter = new Jitter(8, 2, 256, 384);
        List<Jitter.Shift> first = new ArrayList<>();
        List<Jitter.Shift> second = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            first.add(jitter.next());
        }
        for (int i = 0; i < 64; i++) {
            second.add(jitter.next());
        }
        assertEquals(64, new HashSet<>(first).size());
        assertEquals(new HashSet<>(first), new HashSet<>(second));
        assertTrue(!first.equals(second), "each round in an order of its own");
    }

    /** Held shifts (L-BFGS): each of the same sequence for that many draws, {@code moved} at the first of them only. */
    @Test
    void aHeldShiftComesThatManyTimesInARow() {
        Jitter every = new Jitter(4, 5, 64, 96);
        Jitter held = new Jitter(4, 5, 64, 96, 3);
        for (int k = 0; k < 40; k++) {
            Jitter.Shift expected = every.next();
            for (int i = 0; i < 3; i++) {
                assertEquals(expected, held.next(), "shift " + k + ", draw " + i);
                assertEquals(i == 0, held.moved(), "shift " + k + ", draw " + i);
            }
        }
        Jitter resumed = new Jitter(4, 5, 64, 96, 3);
        resumed.skip(7);   // within the third shift's hold
        held = new Jitter(4, 5, 64, 96, 3);
        held.skip(7);
        assertEquals(held.next(), resumed.next());
        assertEquals(false, resumed.moved());
        assertEquals(false, new Jitter(0, 1).moved());
    }

    /** The spread shifts (#20): evenly over the picture, across and down, and each phase of the jitter as often. */
    @Test
    void spreadShiftsReachThePictureEvenlyInEveryPhase() {
        Jitter jitter = new Jitter(8, 1, 256, 384);
        Set<Jitter.Shift> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            seen.add(jitter.next());
        }
        assertEquals(64, seen.size());
        assertEquals(64, seen.stream().map(s -> s.dy() % 8 * 8 + s.dx() % 8).distinct().count(), "every phase once");
        // 64 shifts over 384 columns are 6 px apart on average; the phase moves each by up to 7 px
        assertTrue(widestGap(seen.stream().mapToInt(Jitter.Shift::dx).toArray(), 384) <= 6 + 8);
        assertTrue(widestGap(seen.stream().mapToInt(Jitter.Shift::dy).toArray(), 256) <= 4 + 8);

        Jitter none = new Jitter(0, 1, 480, 640);
        Set<Jitter.Shift> spread = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            spread.add(none.next());
        }
        assertEquals(16, spread.size(), "no jitter still spreads the shifts");
        assertTrue(spread.stream().allMatch(s -> s.dx() % 16 == 0 && s.dy() % 16 == 0), "in whole strides: " + spread);
        assertTrue(widestGap(spread.stream().mapToInt(Jitter.Shift::dx).toArray(), 640) <= 640 / 16 + 16);
        assertTrue(widestGap(spread.stream().mapToInt(Jitter.Shift::dy).toArray(), 480) <= 480 / 16 + 16);
    }

    /** The widest distance between neighbouring offsets, around the picture (the last to the first wraps). */
    private static int widestGap(int[] offsets, int size) {
        int[] sorted = java.util.Arrays.stream(offsets).distinct().sorted().toArray();
        int widest = sorted[0] + size - sorted[sorted.length - 1];
        for (int i = 1; i < sorted.length; i++) {
            widest = Math.max(widest, sorted[i] - sorted[i - 1]);
        }
        return widest;
    }

    @Test
    void pixelBoundsClampEachChannelToItsRange() {
        INDArray image = Nd4j.create(new double[] {-200, 160, 210, -60, -1, 300}, new long[] {1, 3, 1, 2}, 'c');
        // bounds: red [-100, 155], green [-50, 205], blue [0, 255]
        PixelBounds.of(new double[] {100, 50, 0}).clamp(image);
        assertArrayEquals(new double[] {-100, 155, 205, -50, 0, 255}, image.data().asDouble(), 0);
    }
}
