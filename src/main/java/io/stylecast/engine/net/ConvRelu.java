package io.stylecast.engine.net;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A convolution with stride 1 and "same" zero padding followed by a ReLU:
 * {@code y = max(0, W * x + b)}. Its output is what the reference calls the features of
 * {@code convX_Y}: post-ReLU activations.
 *
 * <p>The backward pass computes only the input gradient: the ReLU mask, then the transposed
 * convolution. With stride 1 and "same" padding of an odd kernel, the transposed convolution is a
 * plain "same" convolution with the kernel flipped in both spatial directions and its in/out
 * channels swapped; that kernel is made once here. Note: ND4J's own {@code deconv2d} gives the
 * same result but runs about 20x slower than {@code conv2d} on the oneDNN build (measured at
 * 256x256x64: 520 ms against 26 ms), which made it most of an iteration's time.
 */
public final class ConvRelu implements Stage {

    private final String name;
    private final INDArray kernel;
    private final INDArray bias;
    private final Conv2DConfig forwardConfig;
    private final INDArray backwardKernel;

    /**
     * @param kernel {@code [kH, kW, inChannels, outChannels]}, odd kH and kW
     * @param bias {@code [outChannels]}
     */
    public ConvRelu(String name, INDArray kernel, INDArray bias) {
        if (kernel.rank() != 4 || kernel.size(0) % 2 == 0 || kernel.size(1) % 2 == 0) {
            throw new IllegalArgumentException(name + ": kernel must be [kH, kW, in, out] with odd kH and kW, got "
                    + java.util.Arrays.toString(kernel.shape()));
        }
        if (bias.length() != kernel.size(3)) {
            throw new IllegalArgumentException(name + ": " + bias.length() + " biases for "
                    + kernel.size(3) + " output channels");
        }
        this.name = name;
        this.kernel = kernel;
        this.bias = bias.reshape(kernel.size(3));
        long kH = kernel.size(0);
        long kW = kernel.size(1);
        this.forwardConfig = Conv2DConfig.builder().kH(kH).kW(kW).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NCHW)
                .weightsFormat(WeightsFormat.YXIO).build();
        this.backwardKernel = flippedTransposed(kernel);
    }

    /** {@code K'[a, b, o, i] = K[kH - 1 - a, kW - 1 - b, i, o]}. */
    static INDArray flippedTransposed(INDArray kernel) {
        int kH = (int) kernel.size(0);
        int kW = (int) kernel.size(1);
        int in = (int) kernel.size(2);
        int out = (int) kernel.size(3);
        double[] source = kernel.dup('c').data().asDouble();
        double[] target = new double[source.length];
        for (int a = 0; a < kH; a++) {
            for (int b = 0; b < kW; b++) {
                int from = ((kH - 1 - a) * kW + (kW - 1 - b)) * in * out;
                int to = (a * kW + b) * out * in;
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        target[to + o * in + i] = source[from + i * out + o];
                    }
                }
            }
        }
        return Nd4j.create(target, new long[] {kH, kW, out, in}, 'c').castTo(kernel.dataType());
    }

    @Override
    public String name() {
        return name;
    }

    public long inChannels() {
        return kernel.size(2);
    }

    public long outChannels() {
        return kernel.size(3);
    }

    public INDArray kernel() {
        return kernel;
    }

    public INDArray bias() {
        return bias;
    }

    @Override
    public INDArray forward(INDArray input) {
        INDArray output = Nd4j.cnn().conv2d(input, kernel, bias, forwardConfig);
        return Transforms.relu(output, false);
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient) {
        Nd4j.exec(new ThresholdReluBp(output, outputGradient, outputGradient, 0.0));
        return Nd4j.cnn().conv2d(outputGradient, backwardKernel, forwardConfig);
    }

    @Override
    public String toString() {
        return name + " conv " + kernel.size(0) + "x" + kernel.size(1) + " " + inChannels() + "->" + outChannels();
    }
}
