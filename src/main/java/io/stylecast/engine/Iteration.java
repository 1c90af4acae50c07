package io.stylecast.engine;

import io.stylecast.engine.loss.LossValues;

/**
 * What one iteration reported: the losses of the image <em>before</em> the {@code iteration}-th
 * update (iteration 0 is the starting image; iteration {@code iterations} the final one).
 *
 * @param elapsedMillis milliseconds since the optimisation started, once these losses were known
 */
public record Iteration(int iteration, int iterations, LossValues losses, long elapsedMillis) {

    /** True for the report of the final image, after all updates. */
    public boolean last() {
        return iteration == iterations;
    }
}
