package io.stylecast.engine;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A random circular shift ("roll") of the image, drawn anew at every evaluation, for two reasons.
 * <ul>
 *   <li><b>Every pixel as often in the middle as any other.</b> A network reaches the pixels at its input's border
 *       through far fewer paths than those inside it: zero padding, and strided "valid" layers that drop trailing rows
 *       and columns. Measured on InceptionV3 to mixed2 at 384x256 (docs/gallery/Reach.java), the gradient of its deep
 *       layers reaches the outermost column at the left with 15-21 % of the strength it has inside (half of it 2 px
 *       in), and the last 10 columns at the right with at most 18 % (half 14-16 px in); the same strided layers drop
 *       the trailing rows at the bottom as they drop those columns (docs/gallery/EDGES.md). A picture that always sits
 *       with its border there gets a frame: its border is shaped by the shallow layers' colours alone, not by the deep
 *       layers' texture and content. So the shifts are spread evenly over the whole picture: each of the table's shifts
 *       has a column and a row of its own (a lattice), each pixel is at the network's border in one or two of them, and
 *       over the run all are reached alike. Tried and measured before this: a 4x4 grid of shifts moved the frame to the
 *       lines where its shifts put the border; a window over the picture's mirror images instead of a roll (no seam
 *       where the right edge meets the left) left no frame but made the picture paler, its style loss 3.7 times today's
 *       after 500 iterations, since no picture can give every window, half of it twice, the style's statistics; a roll
 *       keeps every pixel once.</li>
 *   <li><b>The stride grid's phase.</b> Networks with strided "valid" convolutions (InceptionV3's stem) see each
 *       pixel in one fixed position of their stride grid and leave a checkerboard in the picture; shifts of every
 *       phase 0..max-1 px, across and down, average that out (Mordvintsev et al.'s DeepDream "jitter"). The
 *       spread is in multiples of max px, so that each phase comes as often as the others; with no jitter, in
 *       multiples of {@value #STRIDE} px (the largest stride of the networks' feature layers), so that the
 *       feature grid keeps its phase.</li>
 * </ul>
 * The shifts come from a fixed table of {@code max(max^2, 16)}, so that the content targets of all of them can be
 * kept, drawn in rounds: each round the whole table in a random order. The gradient is shifted back, so the optimiser
 * still works on the unshifted image.
 */
public final class Jitter {

    /** With no jitter, the spread shifts are multiples of this many pixels. */
    static final int STRIDE = 16;
    /** At least this many spread shifts, each a different column and row of the picture. */
    private static final int SPREAD = 16;

    /** A shift in pixels, down and to the right. */
    public record Shift(int dy, int dx) {
        public static final Shift NONE = new Shift(0, 0);
    }

    private final SplittableRandom random;
    private final Shift[] shifts;
    /** The table's indices in the order of the current round, and the position in it. */
    private final int[] order;
    private int position;
    private long draws;
    /** How many draws in a row give the same shift. */
    private final int hold;
    private Shift current = Shift.NONE;

    /**
     * Shifts of 0..max-1 px alone, not spread over the picture.
     *
     * @param max shifts are drawn from 0..max-1; 0 or 1 means no jitter
     */
    public Jitter(int max, long seed) {
        this(max, seed, 0, 0);
    }

    /**
     * Shifts of 0..max-1 px added to shifts spread over a picture of {@code height x width} px.
     *
     * @param max the phase shifts are drawn from 0..max-1; 0 or 1 for none (the spread ones are still made)
     */
    public Jitter(int max, long seed, int height, int width) {
        this(max, seed, height, width, 1);
    }

    /**
     * As {@link #Jitter(int, long, int, int)}, each shift given for {@code hold} draws in a row.
     *
     * @param hold at least 1
     */
    public Jitter(int max, long seed, int height, int width, int hold) {
        if (hold < 1) {
            throw new IllegalArgumentException("a shift is held for at least 1 draw, got " + hold);
        }
        this.hold = hold;
        if (max < 0) {
            throw new IllegalArgumentException("jitter must be >= 0, got " + max);
        }
        this.random = new SplittableRandom(seed);
        this.shifts = table(max, height, width);
        this.order = IntStream.range(0, shifts.length).toArray();
        this.position = order.length;
    }

    private static Shift[] table(int max, int height, int width) {
        int phases = max > 1 ? max * max : 1;
        boolean spread = height > 0 && width > 0;
        int count = spread ? Math.max(phases, SPREAD) : phases;
        int unit = max > 1 ? max : STRIDE;
        int across = coprimeNear(count, count * 0.382);
        Shift[] table = new Shift[count];
        for (int k = 0; k < count; k++) {
            int phase = k % phases;
            int dy = max > 1 ? phase / max : 0;
            int dx = max > 1 ? phase % max : 0;
            if (spread) {
                // a lattice: entry k in the k-th of count columns and the (k * across mod count)-th of count rows
                dx += unit * (int) ((width / unit) * (k + 0.5) / count);
                dy += unit * (int) ((height / unit) * ((long) k * across % count + 0.5) / count);
            }
            table[k] = new Shift(dy, dx);
        }
        return table;
    }

    /** The number nearest {@code target} (at least 1) with no factor in common with {@code n}. */
    private static int coprimeNear(int n, double target) {
        for (int d = 0; ; d++) {
            for (int candidate : new int[] {(int) Math.round(target) + d, (int) Math.round(target) - d}) {
                if (candidate >= 1 && gcd(candidate, n) == 1) {
                    return candidate;
                }
            }
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    public boolean enabled() {
        return shifts.length > 1;
    }

    /**
     * The next shift: the table in a random order, each of its shifts once before any comes again. Drawn
     * independently instead, some sequences started a frame that then grew over the whole run (coffee + ihc,
     * --seed 1: 23.8 gray levels; shuffled, 7.7: docs/gallery/EDGES.md).
     */
    public Shift next() {
        draws++;
        if (!moved()) {
            return current;
        }
        if (position == order.length) {
            shuffle();
        }
        current = shifts[order[position++]];
        return current;
    }

    /** Whether the last shift drawn differs from the one before it (always, unless shifts are held). */
    public boolean moved() {
        return enabled() && (draws - 1) % hold == 0;
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int kept = order[i];
            order[i] = order[j];
            order[j] = kept;
        }
        position = 0;
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
