package io.stylecast.model;

import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Resolves the {@code --model} names to networks: {@code default} (InceptionV3's ImageNet layers
 * from the nsfwjs npm tarball in {@code models/}), {@code vgg19} (from
 * {@code models/imagenet-vgg-verydeep-19.mat}), {@code random-vgg19}, or the path of a MatConvNet
 * {@code .mat} file.
 */
public final class Models {

    public static final String DEFAULT = "default";
    public static final String VGG19 = "vgg19";
    public static final String VGG19_FILE = "imagenet-vgg-verydeep-19.mat";

    private final Path directory;

    /** @param directory where named models' files live ({@code models/}) */
    public Models(Path directory) {
        this.directory = directory;
    }

    /**
     * The models directory: {@code $STYLECAST_MODELS} if set, else {@code models/} under the install
     * directory that the launcher passes as {@code -Dstylecast.home}, else {@code ./models}.
     */
    public static Models fromEnvironment() {
        String env = System.getenv("STYLECAST_MODELS");
        if (env != null && !env.isBlank()) {
            return new Models(Path.of(env));
        }
        return new Models(Path.of(System.getProperty("stylecast.home", "."), "models"));
    }

    public Path directory() {
        return directory;
    }

    /** What {@link #list} says of one model. */
    public record Status(String name, String summary, boolean available, String detail) {
    }

    /**
     * Every named model, each tried by loading it: available, or why not (file missing, package
     * not fetched, broken file). Slow (it reads every file); for listings, not for requests.
     */
    public List<Status> list() {
        List<Status> statuses = new ArrayList<>();
        statuses.add(status(DEFAULT, "InceptionV3 ImageNet layers from the npm package " + InceptionV3.PACKAGE + " (MIT)"));
        statuses.add(status(VGG19, "VGG19 ImageNet weights from MatConvNet's " + VGG19_FILE + " (you download it)"));
        statuses.add(status(RandomVgg19.NAME, "untrained VGG19, seeded weights: for tests and comparisons, not paintings"));
        return statuses;
    }

    private Status status(String name, String summary) {
        try {
            FeatureNetwork network = load(name, Pooling.AVG, DataType.FLOAT);
            return new Status(name, summary, true, network.description());
        } catch (ModelException e) {
            return new Status(name, summary, false, e.getMessage());
        }
    }

    /**
     * A {@code .mat} file as given; a relative one that is not there is looked for in the models directory (a
     * server session's {@code params.json} names its network's file by its name alone).
     */
    private Path file(String spec) {
        Path given = Path.of(spec);
        Path inModels = directory.resolve(spec);
        return !given.isAbsolute() && !java.nio.file.Files.exists(given) && java.nio.file.Files.exists(inModels) ? inModels : given;
    }

    /** @throws ModelException if the model's file is missing or broken */
    public FeatureNetwork load(String spec, Pooling pooling, DataType dataType) {
        return switch (spec) {
            case DEFAULT, InceptionV3.NAME -> InceptionV3.fromTarball(directory.resolve(InceptionV3.TARBALL), dataType);
            case VGG19 -> MatConvNetVgg.load(directory.resolve(VGG19_FILE), pooling, dataType);
            case RandomVgg19.NAME -> RandomVgg19.create(RandomVgg19.DEFAULT_SEED, pooling, dataType);
            default -> {
                if (!spec.endsWith(".mat")) {
                    throw new ModelException("unknown model '" + spec + "'; use default, vgg19, random-vgg19 or the path of a .mat file");
                }
                yield MatConvNetVgg.load(file(spec), pooling, dataType);
            }
        };
    }
}
