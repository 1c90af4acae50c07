package io.stylecast.engine;

import java.util.List;

/**
 * Coarse-to-fine: the picture is rendered at each width in turn, each stage starting from the upscaled result of
 * the one before (Gatys et al. 2017, "Controlling Perceptual Factors"; jcjohnson's multires), with its own
 * iteration count. Large pictures converge in a fraction of the time: most iterations run small.
 *
 * @param widths the stages' output widths in order, each 16..4096 and wider than the one before
 * @param iterations each stage's optimiser steps, as many as widths
 */
public record Scales(List<Integer> widths, List<Integer> iterations) {

    public static final int MAX_STAGES = 8;

    public Scales {
        widths = List.copyOf(widths);
        iterations = List.copyOf(iterations);
    }

    /** {@code iterations} given as one number for every stage, or one per stage. */
    public static Scales of(List<Integer> widths, List<Integer> iterations) {
        if (iterations.size() == 1 && widths.size() > 1) {
            return new Scales(widths, java.util.Collections.nCopies(widths.size(), iterations.get(0)));
        }
        return new Scales(widths, iterations);
    }

    public int stages() {
        return widths.size();
    }

    /** The optimiser steps of all stages together. */
    public int total() {
        return iterations.stream().mapToInt(Integer::intValue).sum();
    }

    /** The stage that iteration {@code iteration} (counted over all stages, 0..total) belongs to. */
    public int stageOf(int iteration) {
        int start = 0;
        for (int k = 0; k < stages() - 1; k++) {
            start += iterations.get(k);
            if (iteration < start) {
                return k;
            }
        }
        return stages() - 1;
    }

    /** The iteration, counted over all stages, at which stage {@code stage} starts. */
    public int firstIteration(int stage) {
        int start = 0;
        for (int k = 0; k < stage; k++) {
            start += iterations.get(k);
        }
        return start;
    }

    /** @throws InputException naming what is wrong */
    public Scales validate() {
        if (widths.isEmpty() || widths.size() > MAX_STAGES) {
            throw new InputException("scales must list 1 to " + MAX_STAGES + " widths, got " + widths.size());
        }
        if (iterations.size() != widths.size()) {
            throw new InputException("iterations lists " + iterations.size() + " counts for " + widths.size()
                    + " scales; give one count for all, or one per scale");
        }
        for (int k = 0; k < widths.size(); k++) {
            int width = widths.get(k);
            if (width < StyleParams.MIN_SIZE || width > StyleParams.MAX_SIZE) {
                throw new InputException("scales must be between " + StyleParams.MIN_SIZE + " and " + StyleParams.MAX_SIZE
                        + " px wide, got " + width);
            }
            if (k > 0 && width <= widths.get(k - 1)) {
                throw new InputException("scales must grow from one stage to the next, got " + widths);
            }
            if (iterations.get(k) < 0 || iterations.get(k) > StyleParams.MAX_ITERATIONS) {
                throw new InputException("iterations must be between 0 and " + StyleParams.MAX_ITERATIONS + ", got "
                        + iterations.get(k));
            }
        }
        if (total() > StyleParams.MAX_ITERATIONS) {
            throw new InputException("iterations over all scales must be at most " + StyleParams.MAX_ITERATIONS
                    + ", got " + total());
        }
        return this;
    }
}
