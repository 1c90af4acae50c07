package io.stylecast.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * Writes small MatConvNet-style VGG .mat files for tests, with mfl-core's MATLAB v5 writer, in the
 * layouts real files come in: layers as a cell or a struct array, weights as a {kernel, bias} cell
 * or as filters/biases, fields in any order, the mean in {@code normalization} or {@code meta}.
 */
public final class VggMatFile {

    public enum Weights { CELL, FILTERS_BIASES }

    public enum Container { CELL, STRUCT_ARRAY }

    private final Map<String, Integer> channels = new LinkedHashMap<>();
    private Weights weights = Weights.CELL;
    private Container container = Container.CELL;
    private boolean reversedFields;
    private Map<String, Array> topLevel = new LinkedHashMap<>();

    /** A VGG19 prefix with the given output channels per conv layer (e.g. conv1_1 -> 4). */
    public VggMatFile(Map<String, Integer> channels) {
        this.channels.putAll(channels);
    }

    public VggMatFile weights(Weights weights) {
        this.weights = weights;
        return this;
    }

    public VggMatFile container(Container container) {
        this.container = container;
        return this;
    }

    public VggMatFile reversedFields() {
        this.reversedFields = true;
        return this;
    }

    /** Adds {@code normalization.averageImage} with the given MATLAB dims, channel c filled with mean[c] + noise that averages out. */
    public VggMatFile averageImage(String where, int[] dims, double[] mean) {
        Matrix average = Mat5.newMatrix(dims, MatlabType.Single);
        int perChannel = average.getNumElements() / 3;
        for (int i = 0; i < average.getNumElements(); i++) {
            double wobble = perChannel > 1 ? (i % 2 == 0 ? 1 : -1) : 0;
            average.setFloat(i, (float) (mean[i / perChannel] + (perChannel % 2 == 0 ? wobble : 0)));
        }
        Struct normalization = Mat5.newStruct().set("averageImage", average);
        topLevel.put(where, where.equals("meta") ? Mat5.newStruct().set("normalization", normalization) : normalization);
        return this;
    }

    /** The value written at MATLAB index (a, b, i, o) of layer number k's kernel. */
    static float kernelValue(int k, int a, int b, int i, int o, int in) {
        return (float) (Math.sin(1 + a + 3 * b + 7 * i + 13 * o + 17 * k) * Math.sqrt(2.0 / (9 * in)));
    }

    static float biasValue(int k, int o) {
        return (float) (0.01 * Math.cos(o + k));
    }

    public void write(Path file) throws IOException {
        List<Struct> layers = new ArrayList<>();
        int in = 3;
        int k = 0;
        for (String layer : Vgg19.LAYERS) {
            if (layer.startsWith("pool")) {
                layers.add(layer(layer, "pool", Map.of("method", Mat5.newString("max"))));
                continue;
            }
            Integer out = channels.get(layer);
            if (out == null) {
                break;
            }
            layers.add(convLayer(layer, k++, in, out));
            layers.add(layer(layer.replace("conv", "relu"), "relu", Map.of()));
            in = out;
        }
        layers.add(convLayer("fc6", k, in, 2));
        layers.add(layer("prob", "softmax", Map.of()));
        MatFile mat = Mat5.newMatFile();
        mat.addArray("layers", container == Container.CELL ? asCell(layers) : asStructArray(layers));
        topLevel.forEach(mat::addArray);
        Mat5.writeToFile(mat, file.toFile());
    }

    private Struct convLayer(String name, int k, int in, int out) {
        Matrix kernel = Mat5.newMatrix(new int[] {3, 3, in, out}, MatlabType.Single);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int b = 0; b < 3; b++) {
                    for (int a = 0; a < 3; a++) {
                        kernel.setFloat(new int[] {a, b, i, o}, kernelValue(k, a, b, i, o, in));
                    }
                }
            }
        }
        Matrix bias = Mat5.newMatrix(new int[] {out, 1}, MatlabType.Single);
        for (int o = 0; o < out; o++) {
            bias.setFloat(o, biasValue(k, o));
        }
        Map<String, Array> fields = new LinkedHashMap<>();
        if (weights == Weights.CELL) {
            Cell pair = Mat5.newCell(1, 2);
            pair.set(0, kernel);
            pair.set(1, bias);
            fields.put("weights", pair);
        } else {
            fields.put("filters", kernel);
            fields.put("biases", bias);
        }
        fields.put("stride", Mat5.newScalar(1));
        return layer(name, "conv", fields);
    }

    private Struct layer(String name, String type, Map<String, Array> extra) {
        Map<String, Array> fields = new LinkedHashMap<>();
        fields.put("name", Mat5.newString(name));
        fields.put("type", Mat5.newString(type));
        fields.putAll(extra);
        List<String> order = new ArrayList<>(fields.keySet());
        if (reversedFields) {
            java.util.Collections.reverse(order);
        }
        Struct struct = Mat5.newStruct();
        for (String field : order) {
            struct.set(field, fields.get(field));
        }
        return struct;
    }

    private static Cell asCell(List<Struct> layers) {
        Cell cell = Mat5.newCell(1, layers.size());
        for (int i = 0; i < layers.size(); i++) {
            cell.set(i, layers.get(i));
        }
        return cell;
    }

    /** A 1xN struct array: every element needs the same fields, so missing ones are left empty. */
    private static Struct asStructArray(List<Struct> layers) {
        Struct array = Mat5.newStruct(1, layers.size());
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        layers.forEach(l -> fields.addAll(l.getFieldNames()));
        for (int i = 0; i < layers.size(); i++) {
            for (String field : fields) {
                Struct layer = layers.get(i);
                array.set(field, i, layer.getFieldNames().contains(field) ? layer.get(field) : Mat5.EMPTY_MATRIX);
            }
        }
        return array;
    }
}
