package io.stylecast.engine;

/**
 * The loss, its gradient or the image stopped being finite float32 numbers: the weights (or the
 * learning rate) are too large for single precision. Thrown before the bad values reach the image
 * or the optimiser's state, so the run can go on from where it was with smaller weights.
 */
public final class NonFiniteLossException extends RuntimeException {

    NonFiniteLossException(int iteration, String what) {
        super(what + " overflowed float32 at iteration " + iteration
                + "; lower styleWeight, contentWeight or tvWeight (or the learning rate)");
    }
}
