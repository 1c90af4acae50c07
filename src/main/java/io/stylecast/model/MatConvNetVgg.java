package io.stylecast.model;

import io.stylecast.engine.image.PixelTensor;
import io.stylecast.engine.net.Pooling;
import io.stylecast.engine.net.GraphNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * Loads a VGG network from MatConvNet's simplenn {@code .mat} file (MATLAB v5), such as
 * {@code imagenet-vgg-verydeep-19.mat}, the file the reference uses.
 *
 * <p>The file's {@code layers} variable is a cell (or struct array) of layer structs. Fields are
 * looked up by name, since their order differs between file versions: {@code name}, {@code type},
 * and for convolutions {@code weights} (a 1x2 cell {kernel, bias}) or, in older files,
 * {@code filters} and {@code biases}. Kernels are {@code [d0, d1, in, out]} and used as the
 * reference uses them: d0 is the kernel row. Shapes come from the file. Layers are read in order up
 * to the first fully connected one ({@code fc*}); ReLUs are implied by the convolutions. The mean
 * comes from {@code normalization.averageImage} or {@code meta.normalization.averageImage},
 * averaged over its spatial dimensions, and is the ImageNet mean when neither is present.
 */
public final class MatConvNetVgg {

    private MatConvNetVgg() {
    }

    /**
     * @throws ModelException naming the file and what is wrong with it
     */
    public static GraphNetwork load(Path file, Pooling pooling, DataType dataType) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("model file not found: " + file
                    + " (download MatConvNet's imagenet-vgg-verydeep-19.mat, about 510 MB, into models/)");
        }
        MatFile mat;
        try {
            mat = Mat5.readFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file + " is not a readable MATLAB v5 .mat file (truncated or another format?): "
                    + e.getMessage(), e);
        }
        try {
            List<Vgg19.Layer> layers = readLayers(file, variable(mat, "layers", file));
            double[] mean = readMean(mat, file);
            return Vgg19.build("vgg19", "VGG19 from " + file, layers, mean, pooling, dataType);
        } catch (ClassCastException | IllegalArgumentException | IllegalStateException e) {
            throw new ModelException(file + ": unexpected structure: " + e.getMessage(), e);
        } finally {
            try {
                mat.close();
            } catch (IOException ignored) {
                // memory-backed: nothing to release
            }
        }
    }

    private static Array variable(MatFile mat, String name, Path file) {
        for (MatFile.Entry entry : mat.getEntries()) {
            if (entry.getName().equals(name)) {
                return entry.getValue();
            }
        }
        throw new ModelException(file + " has no '" + name
                + "' variable; is it MatConvNet's imagenet-vgg-verydeep-19.mat (simplenn format)?");
    }

    private static List<Vgg19.Layer> readLayers(Path file, Array layersArray) {
        List<Struct> structs = new ArrayList<>();
        if (layersArray instanceof Cell cell) {
            for (int i = 0; i < cell.getNumElements(); i++) {
                structs.add(cell.getStruct(i));
            }
        } else if (layersArray instanceof Struct array) {
            for (int i = 0; i < array.getNumElements(); i++) {
                structs.add(elementOf(array, i));
            }
        } else {
            throw new ModelException(file + ": 'layers' is neither a cell nor a struct array");
        }
        List<Vgg19.Layer> layers = new ArrayList<>();
        for (Struct layer : structs) {
            String name = string(layer, "name", file);
            String type = string(layer, "type", file).toLowerCase(Locale.ROOT);
            if (name.startsWith("fc") || type.equals("softmax")) {
                break;
            }
            if (type.equals("conv")) {
                layers.add(new Vgg19.Layer(name, convWeights(layer, name, file)));
            } else if (type.equals("pool")) {
                layers.add(new Vgg19.Layer(name, null));
            }
        }
        if (layers.isEmpty()) {
            throw new ModelException(file + ": 'layers' holds no convolution layers");
        }
        return layers;
    }

    /** A 1x1 struct holding element i of a struct array. */
    private static Struct elementOf(Struct array, int i) {
        Struct element = Mat5.newStruct();
        for (String field : array.getFieldNames()) {
            element.set(field, array.get(field, i));
        }
        return element;
    }

    private static Vgg19.ConvWeights convWeights(Struct layer, String name, Path file) {
        List<String> fields = layer.getFieldNames();
        Matrix kernel;
        Matrix bias;
        if (fields.contains("weights")) {
            Cell weights = layer.getCell("weights");
            if (weights.getNumElements() != 2) {
                throw new ModelException(file + ": " + name + ".weights has " + weights.getNumElements()
                        + " elements, expected {kernel, bias}");
            }
            kernel = weights.getMatrix(0);
            bias = weights.getMatrix(1);
        } else if (fields.contains("filters") && fields.contains("biases")) {
            kernel = layer.getMatrix("filters");
            bias = layer.getMatrix("biases");
        } else {
            throw new ModelException(file + ": conv layer " + name + " has neither 'weights' nor 'filters'/'biases'");
        }
        int[] dims = kernel.getDimensions();
        int[] shape = {dims[0], dims.length > 1 ? dims[1] : 1, dims.length > 2 ? dims[2] : 1, dims.length > 3 ? dims[3] : 1};
        if (dims.length > 4 || shape[0] % 2 == 0 || shape[1] % 2 == 0) {
            throw new ModelException(file + ": " + name + " has a kernel of shape " + java.util.Arrays.toString(dims)
                    + "; expected [d0, d1, in, out] with odd d0 and d1");
        }
        if (bias.getNumElements() != shape[3]) {
            throw new ModelException(file + ": " + name + " has " + bias.getNumElements() + " biases for "
                    + shape[3] + " output channels");
        }
        return new Vgg19.ConvWeights(columnMajor(kernel, shape), columnMajor(bias, new int[] {shape[3]}));
    }

    /** MATLAB stores arrays column-major: read them as a Fortran-order array of that shape. */
    private static INDArray columnMajor(Matrix matrix, int[] shape) {
        float[] data = new float[matrix.getNumElements()];
        for (int i = 0; i < data.length; i++) {
            data[i] = matrix.getFloat(i);
        }
        long[] longShape = java.util.Arrays.stream(shape).asLongStream().toArray();
        return Nd4j.create(data, longShape, 'f').dup('c');
    }

    private static double[] readMean(MatFile mat, Path file) {
        Struct normalization = null;
        for (MatFile.Entry entry : mat.getEntries()) {
            if (entry.getName().equals("normalization") && entry.getValue() instanceof Struct s) {
                normalization = s;
            } else if (entry.getName().equals("meta") && entry.getValue() instanceof Struct meta
                    && meta.getFieldNames().contains("normalization")) {
                normalization = meta.getStruct("normalization");
            }
        }
        if (normalization == null || !normalization.getFieldNames().contains("averageImage")) {
            return PixelTensor.IMAGENET_MEAN_RGB.clone();
        }
        Matrix average = normalization.getMatrix("averageImage");
        int count = average.getNumElements();
        if (count == 0 || count % 3 != 0) {
            throw new ModelException(file + ": normalization.averageImage has " + count
                    + " values, not a multiple of 3 (RGB)");
        }
        int perChannel = count / 3;
        double[] mean = new double[3];
        for (int i = 0; i < count; i++) {
            mean[i / perChannel] += average.getDouble(i) / perChannel;
        }
        return mean;
    }

    private static String string(Struct layer, String field, Path file) {
        if (!layer.getFieldNames().contains(field)) {
            throw new ModelException(file + ": a layer has no '" + field + "' field (fields: "
                    + layer.getFieldNames() + ")");
        }
        Array value = layer.get(field);
        if (!(value instanceof Char text)) {
            throw new ModelException(file + ": a layer's '" + field + "' is not text");
        }
        return text.getString();
    }
}
