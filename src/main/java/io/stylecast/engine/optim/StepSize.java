package io.stylecast.engine.optim;

/** The learning rate an optimiser scales its steps by, checked once for both optimisers. */
abstract class StepSize implements Optimizer {

    private volatile double learningRate;

    StepSize(double learningRate) {
        setLearningRate(learningRate);
    }

    @Override
    public final void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }
}
