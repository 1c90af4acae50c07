package io.stylecast.model.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import io.stylecast.model.ModelException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A TF.js layers model: its Keras topology ({@code modelTopology.model_config}) and its weights
 * by name, dequantised. Read from a model directory inside an npm tarball where each file is a
 * bundled JavaScript module ({@code model.min.js}, {@code group1-shardNofM.min.js}).
 *
 * <p>Weights are stored one after another across the shards in manifest order; 8-bit quantised
 * ones decode as {@code min + q * scale}, unquantised float32 ones are little-endian.
 */
public record TfjsModel(JsonNode modelConfig, Map<String, INDArray> weights) implements AutoCloseable {

    /**
     * Every weight of the model.
     *
     * @param directory the model's directory in the tarball, such as {@code package/dist/models/inception_v3}
     * @throws ModelException naming the tarball and what is wrong
     */
    public static TfjsModel fromTarball(Path tarball, String directory) {
        return fromTarball(tarball, directory, config -> name -> true);
    }

    /**
     * The weights that {@code wanted} picks, given the model's config (a network cut short needs a fraction of
     * them: the rest is never decoded, and a shard holding none of them is not even read).
     */
    public static TfjsModel fromTarball(Path tarball, String directory,
                                        Function<JsonNode, Predicate<String>> wanted) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        Map<String, byte[]> files = NpmTarball.read(tarball, name -> name.startsWith(prefix) && name.endsWith(".js"));
        byte[] model = files.get(prefix + "model.min.js");
        if (model == null) {
            throw new ModelException(tarball + " has no " + prefix + "model.min.js");
        }
        try {
            JsonNode root = JsModule.exportedObject(new String(model, StandardCharsets.UTF_8));
            JsonNode manifest = root.path("weightsManifest");
            JsonNode config = root.path("modelTopology").path("model_config");
            if (!manifest.isArray() || config.isMissingNode()) {
                throw new ModelException(tarball + ": " + prefix + "model.min.js has no weightsManifest or model_config");
            }
            Predicate<String> wantedWeight = wanted.apply(config);
            Map<String, INDArray> weights = new LinkedHashMap<>();
            for (JsonNode group : manifest) {
                boolean any = false;
                for (JsonNode weight : group.path("weights")) {
                    any |= wantedWeight.test(weight.path("name").asText());
                }
                if (any) {
                    decodeGroup(group, shards(tarball, files, prefix, group), weights, wantedWeight);
                }
            }
            return new TfjsModel(config, weights);
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new ModelException(tarball + ": cannot decode the model in " + prefix + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer shards(Path tarball, Map<String, byte[]> files, String prefix, JsonNode group) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (JsonNode path : group.path("paths")) {
            byte[] module = files.get(prefix + path.asText() + ".min.js");
            if (module == null) {
                throw new ModelException(tarball + " lacks the weight shard " + prefix + path.asText() + ".min.js");
            }
            bytes.writeBytes(Base64.getDecoder().decode(JsModule.exportedString(new String(module, StandardCharsets.US_ASCII))));
        }
        return ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void decodeGroup(JsonNode group, ByteBuffer data, Map<String, INDArray> weights,
                                    Predicate<String> wanted) {
        for (JsonNode weight : group.path("weights")) {
            long[] shape = new long[weight.path("shape").size()];
            int count = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = weight.path("shape").get(d).asLong();
                count *= (int) shape[d];
            }
            JsonNode quantization = weight.path("quantization");
            if (!wanted.test(weight.path("name").asText())) {
                data.position(data.position() + (quantization.isMissingNode() ? 4 * count : count));
                continue;
            }
            float[] values = new float[count];
            if (quantization.isMissingNode()) {
                data.asFloatBuffer().get(values);
                data.position(data.position() + 4 * count);
            } else if (quantization.path("dtype").asText().equals("uint8")) {
                double min = quantization.path("min").asDouble();
                double scale = quantization.path("scale").asDouble();
                for (int i = 0; i < count; i++) {
                    values[i] = (float) (min + (data.get() & 0xff) * scale);
                }
            } else {
                throw new IllegalArgumentException(weight.path("name").asText() + " is quantised as "
                        + quantization.path("dtype").asText() + "; only uint8 is supported");
            }
            weights.put(weight.path("name").asText(), Nd4j.create(values, shape, 'c'));
        }
        if (data.hasRemaining()) {
            throw new IllegalArgumentException(data.remaining() + " bytes of weights left over");
        }
    }

    /** Frees the weights' native memory now rather than when the collector finds them. */
    @Override
    public void close() {
        weights.values().forEach(INDArray::close);
    }
}
