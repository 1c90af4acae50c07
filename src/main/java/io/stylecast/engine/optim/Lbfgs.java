package io.stylecast.engine.optim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.BlasWrapper;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Limited-memory BFGS (Nocedal 1980) with the two-loop recursion, one gradient evaluation per step
 * and no line search, as Torch's {@code optim.lbfgs} runs it in Johnson's neural-style: the step is
 * {@code x += lr d}, where d is the quasi-Newton direction scaled by {@code s'y / y'y}, and the first
 * step is shortened to {@code lr min(1, 1/|g|_1)} because there is no curvature estimate yet.
 * Pairs with {@code s'y <= 1e-10} (no positive curvature) are skipped. When the loss becomes another function
 * ({@link #objectiveChanged}: the jitter moved the picture) the pairs are forgotten and the next step is the
 * gradient's, scaled by the last curvature estimate.
 */
public final class Lbfgs extends StepSize {

    public static final int DEFAULT_HISTORY = 10;
    private static final double MIN_CURVATURE = 1e-10;

    private record Pair(INDArray s, INDArray y, double rho) {
    }

    private final int history;
    private final Deque<Pair> pairs = new ArrayDeque<>();
    private final BlasWrapper blas = Nd4j.getBlasWrapper();
    private double hessianScale = 1;
    /** Whether {@link #hessianScale} was learnt from a pair (it is kept when the loss changes). */
    private boolean scaled;
    private INDArray previousGradient;
    private INDArray lastStep;
    private INDArray direction;
    /** The gradient before this one was of another loss: no pair from the two. */
    private boolean objectiveChanged;

    public Lbfgs(double learningRate, int history) {
        super(learningRate);
        if (history < 1) {
            throw new IllegalArgumentException("L-BFGS history must be >= 1, got " + history);
        }
        this.history = history;
    }

    @Override
    public void step(INDArray image, INDArray imageGradient, double loss) {
        // BLAS dot and axpy take vectors: work on flat views of the (contiguous) image and gradient
        INDArray x = image.reshape(image.length());
        INDArray gradient = imageGradient.reshape(imageGradient.length());
        boolean first = previousGradient == null;
        if (first) {
            previousGradient = x.ulike();
            lastStep = x.ulike();
            direction = x.ulike();
        } else if (!objectiveChanged) {
            remember(gradient);
        }
        computeDirection(gradient);
        // with no curvature known yet, a step as long as the gradient could be far too long
        boolean unscaled = first || objectiveChanged && !scaled;
        double t = unscaled ? learningRate() * Math.min(1, 1 / blas.asum(gradient)) : learningRate();
        objectiveChanged = false;
        lastStep.assign(direction).muli(t);
        x.addi(lastStep);
        previousGradient.assign(gradient);
    }

    /** Forgets the pairs; keeps the Hessian's scale as the first estimate of the new loss's. */
    @Override
    public void objectiveChanged() {
        pairs.forEach(p -> {
            p.s().close();
            p.y().close();
        });
        pairs.clear();
        objectiveChanged = true;
    }

    /** Adds the pair (s, y) of the step just taken, reusing the oldest pair's buffers when full. */
    private void remember(INDArray gradient) {
        Pair recycled = pairs.size() == history ? pairs.removeFirst() : null;
        INDArray s = recycled == null ? lastStep.dup() : recycled.s().assign(lastStep);
        INDArray y = (recycled == null ? gradient.dup() : recycled.y().assign(gradient)).subi(previousGradient);
        double ys = blas.dot(y, s);
        if (ys > MIN_CURVATURE) {
            pairs.addLast(new Pair(s, y, 1 / ys));
            hessianScale = ys / blas.dot(y, y);
            scaled = true;
        } else if (recycled != null) {
            pairs.addFirst(recycled);
        }
    }

    /** direction = -H g by the two-loop recursion. */
    private void computeDirection(INDArray gradient) {
        INDArray q = direction.assign(gradient);
        double[] alpha = new double[pairs.size()];
        int i = pairs.size();
        for (Iterator<Pair> it = pairs.descendingIterator(); it.hasNext(); ) {
            Pair p = it.next();
            alpha[--i] = p.rho() * blas.dot(p.s(), q);
            blas.axpy(-alpha[i], p.y(), q);
        }
        q.muli(hessianScale);
        i = 0;
        for (Pair p : pairs) {
            double beta = p.rho() * blas.dot(p.y(), q);
            blas.axpy(alpha[i++] - beta, p.s(), q);
        }
        q.negi();
    }

    /** The pairs (s_k, y_k), the last step and gradient, and the Hessian scale; the first step has none. */
    @Override
    public OptimizerState state() {
        if (previousGradient == null) {
            return OptimizerState.fresh("lbfgs");
        }
        java.util.Map<String, INDArray> arrays = new java.util.HashMap<>();
        arrays.put("previousGradient", previousGradient.dup());
        arrays.put("lastStep", lastStep.dup());
        int k = 0;
        for (Pair p : pairs) {
            arrays.put("s" + k, p.s().dup());
            arrays.put("y" + k, p.y().dup());
            k++;
        }
        return new OptimizerState("lbfgs", arrays, java.util.Map.of("pairs", (double) k, "hessianScale", hessianScale,
                "scaled", scaled ? 1.0 : 0.0));
    }

    @Override
    public void restore(OptimizerState state) {
        close();
        hessianScale = 1;
        scaled = false;
        if (state.arrays().isEmpty()) {
            return;
        }
        previousGradient = state.array("previousGradient").dup();
        lastStep = state.array("lastStep").dup();
        direction = lastStep.ulike();
        for (int k = 0; k < (int) state.number("pairs"); k++) {
            INDArray s = state.array("s" + k).dup();
            INDArray y = state.array("y" + k).dup();
            pairs.addLast(new Pair(s, y, 1 / blas.dot(y, s)));
        }
        hessianScale = state.number("hessianScale");
        // a checkpoint from before the loss could change has no "scaled": it had a scale if it had pairs
        scaled = state.numbers().getOrDefault("scaled", state.number("pairs") > 0 ? 1.0 : 0.0) > 0;
    }

    @Override
    public void close() {
        for (Pair p : pairs) {
            p.s().close();
            p.y().close();
        }
        pairs.clear();
        for (INDArray buffer : new INDArray[] {previousGradient, lastStep, direction}) {
            if (buffer != null) {
                buffer.close();
            }
        }
        previousGradient = lastStep = direction = null;
    }
}
