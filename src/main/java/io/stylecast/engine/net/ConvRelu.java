package io.stylecast.engine.net;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
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
 * convolution ({@code deconv2d}) with the same kernel. The kernel is stored {@code [kH, kW, in, out]}
 * (YXIO), which is exactly the {@code [kH, kW, oC, iC]} layout deconv2d expects, so no copy is made.
 */
public final class ConvRelu implements Stage {

    private final String name;
    private final INDArray kernel;
    private final INDArray bias;
    private final Conv2DConfig forwardConfig;
    private final DeConv2DConfig backwardConfig;

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
        this.backwardConfig = DeConv2DConfig.builder().kH(kH).kW(kW).sH(1).sW(1).dH(1).dW(1)
                .pH(kH / 2).pW(kW / 2).isSameMode(true).dataFormat(DeConv2DConfig.NCHW).build();
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
        return Nd4j.cnn().deconv2d(outputGradient, kernel, backwardConfig);
    }

    @Override
    public String toString() {
        return name + " conv " + kernel.size(0) + "x" + kernel.size(1) + " " + inChannels() + "->" + outChannels();
    }
}
