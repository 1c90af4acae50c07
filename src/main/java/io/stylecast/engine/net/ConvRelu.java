package io.stylecast.engine.net;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A convolution followed by a ReLU: {@code y = max(0, W * x + b)}. VGG's convolutions have stride 1
 * and "same" padding; Inception's also come with "valid" padding and stride 2. Its output is what
 * the reference calls the features of {@code convX_Y}: post-ReLU activations.
 *
 * <p>The backward pass computes only the input gradient: the ReLU mask, then the transposed
 * convolution. With stride 1 the transposed convolution is a plain convolution with the kernel
 * flipped in both spatial directions and its in/out channels swapped ("same" padding for "same",
 * full padding {@code k - 1} for "valid"); that kernel is made once here. Strided convolutions use
 * ND4J's {@code deconv2d}. Note: deconv2d gives the same result for stride 1 but runs about 20x
 * slower than conv2d on the oneDNN build (256x256x64: 520 ms against 26 ms).
 *
 * <p>Tensors are channels last, {@code [1, H, W, C]}: oneDNN's convolutions take that layout up to ten
 * times faster than {@code [1, C, H, W]} on this build (see docs/PERFORMANCE.md).
 */
public final class ConvRelu implements Stage {

    private final String name;
    private final INDArray kernel;
    private final INDArray bias;
    private final int stride;
    private final Conv2DConfig forwardConfig;
    private final Conv2DConfig backwardConfig;
    private final DeConv2DConfig stridedBackwardConfig;
    private final INDArray backwardKernel;

    /** A stride-1 "same" convolution, as in VGG. */
    public ConvRelu(String name, INDArray kernel, INDArray bias) {
        this(name, kernel, bias, 1, Padding.SAME);
    }

    /**
     * @param kernel {@code [kH, kW, inChannels, outChannels]}; odd kH and kW for "same" padding
     * @param bias {@code [outChannels]}
     * @param stride the same in both directions; above 1 only with "valid" padding
     */
    public ConvRelu(String name, INDArray kernel, INDArray bias, int stride, Padding padding) {
        boolean odd = kernel.rank() == 4 && kernel.size(0) % 2 == 1 && kernel.size(1) % 2 == 1;
        if (kernel.rank() != 4 || (padding == Padding.SAME && (!odd || stride != 1)) || stride < 1) {
            throw new IllegalArgumentException(name + ": unsupported convolution: kernel "
                    + java.util.Arrays.toString(kernel.shape()) + ", stride " + stride + ", padding " + padding
                    + " (\"same\" needs an odd kernel and stride 1)");
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
        this.stride = stride;
        this.forwardConfig = config(kH, kW, stride, padding == Padding.SAME ? PaddingMode.SAME : PaddingMode.VALID, 0, 0);
        if (stride == 1) {
            this.backwardKernel = flippedTransposed(kernel);
            this.backwardConfig = padding == Padding.SAME ? forwardConfig
                    : config(kH, kW, 1, PaddingMode.VALID, kH - 1, kW - 1);
            this.stridedBackwardConfig = null;
        } else {
            this.backwardKernel = null;
            this.backwardConfig = null;
            this.stridedBackwardConfig = DeConv2DConfig.builder().kH(kH).kW(kW).sH(stride).sW(stride).dH(1).dW(1)
                    .pH(0).pW(0).isSameMode(false).dataFormat(DeConv2DConfig.NHWC).build();
        }
    }

    private static Conv2DConfig config(long kH, long kW, int stride, PaddingMode mode, long pH, long pW) {
        return Conv2DConfig.builder().kH(kH).kW(kW).sH(stride).sW(stride).pH(pH).pW(pW).dH(1).dW(1)
                .paddingMode(mode).dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
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
        INDArray output = Nd4j.cnn().conv2d(Contiguous.of(input), kernel, bias, forwardConfig);
        return Transforms.relu(output, false);
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient) {
        // the ReLU's mask, y > 0, as a step function times the gradient: ND4J's relu_bp ops run single-threaded,
        // 6x slower than these two passes
        INDArray masked = Contiguous.of(outputGradient).muli(Transforms.step(output));
        if (stride == 1) {
            return Nd4j.cnn().conv2d(masked, backwardKernel, backwardConfig);
        }
        INDArray gradient = Nd4j.cnn().deconv2d(masked, kernel, stridedBackwardConfig);
        if (gradient.size(1) == input.size(1) && gradient.size(2) == input.size(2)) {
            return gradient;
        }
        // the last rows or columns were not reached by any window: their gradient is 0
        INDArray full = input.ulike().assign(0);
        full.get(NDArrayIndex.all(), NDArrayIndex.interval(0, gradient.size(1)),
                NDArrayIndex.interval(0, gradient.size(2)), NDArrayIndex.all()).assign(gradient);
        return full;
    }

    @Override
    public String toString() {
        return name + " conv " + kernel.size(0) + "x" + kernel.size(1) + "/" + stride + " " + inChannels() + "->"
                + outChannels();
    }
}
