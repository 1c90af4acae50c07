package io.stylecast.engine;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A random circular shift ("roll") of the image by 0..max-1 pixels in each direction, drawn anew
 * at every evaluation. Networks with strided "valid" convolutions (InceptionV3's stem) see each
 * pixel in one fixed position of their stride grid and leave a checkerboard in the picture;
 * shifting the image each step averages that out (Mordvintsev et al.'s DeepDream "jitter").
 * The gradient is shifted back, so the optimiser still works on the unshifted image.
 */
public final class Jitter {

    /** A shift in pixels, down and to the right. */
    public record Shift(int dy, int dx) {
        public static final Shift NONE = new Shift(0, 0);
    }

    private final int max;
    private final SplittableRandom random;
    private long draws;

    /** @param max shifts are drawn from 0..max-1; 0 or 1 means no jitter */
    public Jitter(int max, long seed) {
        if (max < 0) {
            throw new IllegalArgumentException("jitter must be >= 0, got " + max);
        }
        this.max = max;
        this.random = new SplittableRandom(seed);
    }

    public boolean enabled() {
        return max > 1;
    }

    public Shift next() {
        draws++;
        return enabled() ? new Shift(random.nextInt(max), random.nextInt(max)) : Shift.NONE;
    }

    /** How many shifts have been drawn: {@link #skip} that many on a new jitter of the same seed to continue the sequence. */
    public long draws() {
        return draws;
    }

    /** Draws and forgets {@code n} shifts. */
    public void skip(long n) {
        for (long i = 0; i < n; i++) {
            next();
        }
    }

    /** {@code out[y, x] = in[(y - dy) mod H, (x - dx) mod W]}; a new array (in the current workspace). */
    public static INDArray roll(INDArray image, int dy, int dx) {
        long h = image.size(2);
        long w = image.size(3);
        long sy = Math.floorMod(dy, h);
        long sx = Math.floorMod(dx, w);
        INDArray out = image.ulike();
        long[][] rows = {{0, h - sy, sy, h}, {h - sy, h, 0, sy}};
        long[][] cols = {{0, w - sx, sx, w}, {w - sx, w, 0, sx}};
        for (long[] r : rows) {
            for (long[] c : cols) {
                if (r[1] > r[0] && c[1] > c[0]) {
                    out.get(region(r[2], r[3], c[2], c[3])).assign(image.get(region(r[0], r[1], c[0], c[1])));
                }
            }
        }
        return out;
    }

    private static INDArrayIndex[] region(long y0, long y1, long x0, long x1) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(y0, y1),
            NDArrayIndex.interval(x0, x1)};
    }
}
