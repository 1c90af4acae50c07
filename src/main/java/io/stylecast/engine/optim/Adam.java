package io.stylecast.engine.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba 2015) with TensorFlow's {@code AdamOptimizer} semantics, which the reference
 * uses with a learning rate of 2.0:
 * <pre>
 *   t  = t + 1
 *   m  = b1 m + (1 - b1) g
 *   v  = b2 v + (1 - b2) g^2
 *   lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)
 *   x  = x - lr_t m / (sqrt(v) + eps)
 * </pre>
 * Note: eps is added to {@code sqrt(v)} before the bias correction of v ("epsilon hat" in the
 * paper's terms), as TensorFlow does, not after it as in the paper's Algorithm 1.
 */
public final class Adam extends StepSize {

    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private INDArray m;
    private INDArray v;
    private INDArray scratch;
    private int t;

    public Adam(double learningRate) {
        super(learningRate);
    }

    @Override
    public void step(INDArray x, INDArray gradient, double loss) {
        if (m == null) {
            m = x.ulike().assign(0);
            v = x.ulike().assign(0);
            scratch = x.ulike();
        }
        t++;
        m.muli(BETA1).addi(scratch.assign(gradient).muli(1 - BETA1));
        v.muli(BETA2).addi(scratch.assign(gradient).muli(gradient).muli(1 - BETA2));
        double lrT = learningRate() * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
        Transforms.sqrt(scratch.assign(v), false).addi(EPSILON);
        x.subi(scratch.rdivi(m).muli(lrT));
    }

    @Override
    public OptimizerState state() {
        if (m == null) {
            return OptimizerState.fresh("adam");
        }
        return new OptimizerState("adam", java.util.Map.of("m", m.dup(), "v", v.dup()), java.util.Map.of("t", (double) t));
    }

    @Override
    public void restore(OptimizerState state) {
        close();
        t = 0;
        if (!state.arrays().isEmpty()) {
            m = state.array("m").dup();
            v = state.array("v").dup();
            scratch = m.ulike();
            t = (int) state.number("t");
        }
    }

    /** How many steps have been taken. */
    public int steps() {
        return t;
    }

    @Override
    public void close() {
        for (INDArray buffer : new INDArray[] {m, v, scratch}) {
            if (buffer != null) {
                buffer.close();
            }
        }
        m = v = scratch = null;
    }
}
