package io.stylecast.engine;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.hibernate.validator.constraints.Range;

/**
 * Coarse-to-fine: the picture is rendered at each width in turn, each stage starting from the upscaled result of
 * the one before (Gatys et al. 2017, "Controlling Perceptual Factors"; jcjohnson's multires), with its own
 * iteration count. Large pictures converge in a fraction of the time: most iterations run small.
 *
 * @param widths the stages' output widths in order, each 16..4096 and wider than the one before
 * @param iterations each stage's optimiser steps, as many as widths
 */
public record Scales(
        @Size(min = 1, max = MAX_STAGES, message = "must list 1 to " + MAX_STAGES + " widths")
        List<@NotNull @Range(min = StyleParams.MIN_SIZE, max = StyleParams.MAX_SIZE) Integer> widths,
        List<@NotNull @Range(min = 0, max = StyleParams.MAX_ITERATIONS) Integer> iterations) {

    public static final int MAX_STAGES = 8;

    public Scales {
        // copies that may hold a null (from JSON): the constraints name it
        widths = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(widths));
        iterations = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(iterations));
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

    @AssertTrue(message = "iterations must give one count for all scales, or one per scale")
    boolean isOneCountPerScale() {
        return iterations.size() == widths.size();
    }

    @AssertTrue(message = "scales must grow from one stage to the next")
    boolean isGrowing() {
        for (int k = 1; k < widths.size(); k++) {
            if (widths.get(k) == null || widths.get(k - 1) == null || widths.get(k) <= widths.get(k - 1)) {
                return false;
            }
        }
        return true;
    }

    @AssertTrue(message = "iterations over all scales must be at most " + StyleParams.MAX_ITERATIONS)
    boolean isWithinIterations() {
        return iterations.stream().mapToLong(n -> n == null ? 0 : n).sum() <= StyleParams.MAX_ITERATIONS;
    }
}
