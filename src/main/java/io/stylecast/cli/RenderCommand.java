package io.stylecast.cli;

import io.stylecast.engine.InitialImage;
import io.stylecast.engine.InputException;
import io.stylecast.engine.LayerWeights;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.image.ImageFiles;
import io.stylecast.engine.image.TimeLapse;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.model.Models;
import io.stylecast.session.Backend;
import io.stylecast.session.Presets;
import io.stylecast.session.RunRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stylecast render}: the reference's batch run, writing images to a directory. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Paints the content photo in the style of the style picture(s) and writes the result.",
            "Images are written to the output directory every --save-every iterations and at the end (final.png)."})
final class RenderCommand implements Callable<Integer> {

    // --- images
    @Option(names = "--content", paramLabel = "FILE", description = "Content photo (PNG, JPEG, ...); needed unless --params.")
    Path content;

    @Option(names = "--style", paramLabel = "FILE",
            description = "Style picture; repeat to blend several; needed unless --params.")
    List<Path> styles;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Render again what a " + RunRecord.FILE + " (written into every output folder) describes: "
                    + "the same pictures, network and parameters give the same image. Only --output, --format, "
                    + "--log-json and --timelapse may be added.")
    Path paramsFile;

    @Option(names = "--preset", paramLabel = "quick|fine|seed",
            description = "A named parameter set: quick (256 px, 100 iterations), fine (coarse to fine to 768 px), seed "
                    + "(the reference walk-through's values with VGG19). Flags given explicitly override it.")
    String preset;

    @Spec
    CommandSpec spec;

    @Option(names = "--style-blend", split = ",", paramLabel = "W",
            description = "Blend weights of the style pictures, e.g. 0.7,0.3 (default: equal).")
    List<Double> styleBlend;

    @Option(names = "--width", paramLabel = "PX",
            description = "Output width in pixels, " + StyleParams.MIN_SIZE + ".." + StyleParams.MAX_SIZE
                    + " (default: " + StyleParams.DEFAULT_WIDTH + "x" + StyleParams.DEFAULT_HEIGHT
                    + " when neither --width nor --height is given; given one, the other follows the content's"
                    + " aspect ratio).")
    Integer width;

    @Option(names = "--height", paramLabel = "PX", description = "Output height in pixels (see --width).")
    Integer height;

    // --- network
    @Option(names = "--model", defaultValue = Models.DEFAULT, paramLabel = "PATH|default|random-vgg19",
            description = "Network: default (InceptionV3's ImageNet layers, fetched by the build from npm), "
                    + "vgg19 (models/" + Models.VGG19_FILE + "), random-vgg19 (untrained), or a MatConvNet .mat "
                    + "file (default: ${DEFAULT-VALUE}). `stylecast models` says which are available.")
    String model;

    @Mixin
    SolverOptions solver;

    // --- start
    @Option(names = "--init", defaultValue = "noise", paramLabel = "noise|content|random|image",
            description = "Starting image (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--noise-ratio", paramLabel = "R", defaultValue = "" + StyleParams.DEFAULT_NOISE_RATIO,
            description = "Share of uniform(-20, 20) noise in a noise start, 0..1 (default: ${DEFAULT-VALUE}).")
    double noiseRatio;

    @Option(names = "--init-image", paramLabel = "FILE", description = "Starting picture for --init image.")
    Path initImage;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + StyleParams.DEFAULT_SEED,
            description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    // --- loss
    @Option(names = "--content-layers", split = ",", paramLabel = "LAYER",
            description = "Content layers (default: the network's; mixed2 for the default network, conv4_2 for VGG19).")
    List<String> contentLayers;

    @Option(names = "--style-layers", split = ",", paramLabel = "LAYER:W",
            description = "Style layers and weights (default: the network's; for the default network "
                    + "activation_1..activation_5 and mixed0..mixed2 weighted 1.0; for VGG19 "
                    + "conv1_1:0.5,conv2_1:1.0,conv3_1:1.5,conv4_1:3.0,conv5_1:4.0).")
    List<String> styleLayers;

    @Option(names = "--content-weight", paramLabel = "ALPHA",
            description = "Content weight alpha (default: the network's; 1 for both built-in networks).")
    Double contentWeight;

    @Option(names = "--style-weight", paramLabel = "BETA",
            description = "Style weight beta (default: the network's; 1e7 for the default network, 2.5e5 for VGG19).")
    Double styleWeight;

    @Option(names = "--tv-weight", paramLabel = "T", defaultValue = "" + StyleParams.DEFAULT_TV_WEIGHT,
            description = "Total-variation weight, 0 for none (default: ${DEFAULT-VALUE}).")
    double tvWeight;

    @Option(names = "--jitter", paramLabel = "J",
            description = "Shift the image by a random 0..J-1 pixels at each step, against stride artifacts "
                    + "(default: the network's; 8 for the default network, 0 for VGG19).")
    Integer jitter;

    // --- optimisation
    @Option(names = "--learning-rate", paramLabel = "LR",
            description = "Step size (default: 2.0 for adam, as the reference; 1.0 for lbfgs).")
    Double learningRate;

    @Option(names = "--style-scale", paramLabel = "F", defaultValue = "" + StyleParams.DEFAULT_STYLE_SCALE,
            description = "Style pictures' longer side as F times the output's, aspect kept, 0.1..4 (default: ${DEFAULT-VALUE}); "
                    + "below 1 the style's patterns come out larger.")
    double styleScale;

    @Option(names = "--original-colors",
            description = "Keep the content photo's colours: the result's luminance under the photo's chroma (YIQ).")
    boolean originalColors;

    @Option(names = "--iterations", paramLabel = "N", split = ",", defaultValue = "" + StyleParams.DEFAULT_ITERATIONS,
            description = "Optimiser steps (default: ${DEFAULT-VALUE}); with --scales one count for every scale, or one "
                    + "per scale: 300,200,100.")
    List<Integer> iterations;

    @Option(names = "--scales", paramLabel = "W", split = ",",
            description = "Coarse to fine: render at each width in turn (256,512,1024), each stage starting from the "
                    + "upscaled result of the one before; the output has the last width. Instead of --width/--height.")
    List<Integer> scales;

    // --- output
    @Option(names = "--save-every", defaultValue = "" + StyleParams.DEFAULT_SAVE_EVERY, paramLabel = "K",
            description = "Write the image every K iterations (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Option(names = "--output", defaultValue = "output", paramLabel = "DIR",
            description = "Directory for the images (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--format", defaultValue = "png", paramLabel = "png|jpg",
            description = "Image format of the written files (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--timelapse", paramLabel = "FILE",
            description = "Also write the run as an animated GIF, about " + TimeLapse.FRAMES + " frames spread over it.")
    Path timeLapse;

    @Option(names = "--log-json", paramLabel = "FILE|-",
            description = "Write one JSON line of losses per iteration to FILE, or to stdout with -.")
    String logJson;

    @Override
    public Integer call() throws Exception {
        Backend.require();
        RunRecord.Loaded job = paramsFile != null ? fromRecord() : fromFlags();
        StyleParams params = job.params();
        if (!format.equals("png") && !format.equals("jpg")) {
            throw new InputException("--format must be png or jpg, got " + format);
        }
        BufferedImage contentPicture = ImageFiles.read(job.content(), "content image");
        List<BufferedImage> stylePictures = new ArrayList<>();
        for (Path style : job.styles()) {
            stylePictures.add(ImageFiles.read(style, "style image"));
        }
        BufferedImage initPicture = job.init() != null ? ImageFiles.read(job.init(), "init image") : null;
        FeatureNetwork network = Models.fromEnvironment().load(job.model(), params.pooling(), DataType.FLOAT);
        System.err.println("model: " + network.description());
        RunRecord.write(output, RunRecord.of(job.model(), network,
                params.resolve(network.defaults(), contentPicture.getWidth(), contentPicture.getHeight()),
                absolute(job.content()), job.styles().stream().map(RenderCommand::absolute).toList(),
                job.init() == null ? null : absolute(job.init())));
        try (StyleTransfer transfer = StyleTransfer.create(network, params, contentPicture, stylePictures, initPicture);
             RenderOutput out = new RenderOutput(output, format, params.saveEvery(), transfer.pictures(), logJson,
                     timeLapse == null ? null : new TimeLapse(timeLapse, params.totalIterations(),
                             params.size(contentPicture.getWidth(), contentPicture.getHeight())))) {
            transfer.run(out);
            System.err.println("wrote " + out.finalImage() + (timeLapse == null ? "" : " and " + timeLapse));
        }
        return 0;
    }

    private RunRecord.Loaded fromFlags() {
        if (preset != null) {
            applyPreset(Presets.of(preset));
        }
        if (content == null || styles == null || styles.isEmpty()) {
            throw new InputException("--content and --style are needed (or --params FILE to render a " + RunRecord.FILE
                    + " again)");
        }
        StyleParams params = params();
        if (params.init() == InitialImage.IMAGE && initImage == null) {
            throw new InputException("--init image needs --init-image FILE");
        }
        return new RunRecord.Loaded(model, params, content, styles, params.init() == InitialImage.IMAGE ? initImage : null);
    }

    private RunRecord.Loaded fromRecord() {
        List<String> others = spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName)
                .filter(name -> !Set.of("--params", "--output", "--format", "--log-json", "--timelapse").contains(name))
                .toList();
        if (!others.isEmpty()) {
            throw new InputException("--params renders the file's run as it was: " + String.join(", ", others)
                    + " cannot be added (only --output, --format, --log-json, --timelapse)");
        }
        return RunRecord.read(paramsFile);
    }

    /** Sets each option the preset names to its value, unless the command line gave that option (or a size). */
    private void applyPreset(JsonObject values) {
        var parsed = spec.commandLine().getParseResult();
        boolean sized = parsed.hasMatchedOption("--width") || parsed.hasMatchedOption("--height");
        for (String key : values.fieldNames()) {
            String name = "--" + key.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            OptionSpec option = spec.findOption(name);
            boolean replaced = key.equals("scales") ? sized
                    : (key.equals("width") || key.equals("height")) && parsed.hasMatchedOption("--scales");
            if (option == null || parsed.hasMatchedOption(name) || replaced) {
                continue;
            }
            Object value = values.getValue(key);
            String text = value instanceof JsonArray list ? list.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")) : String.valueOf(value);
            option.setValue(convert(option, text));
        }
    }

    private static Object convert(OptionSpec option, String text) {
        Class<?> type = option.type();
        if (List.class.isAssignableFrom(type)) {
            return java.util.Arrays.stream(text.split(",")).map(Integer::valueOf).collect(java.util.stream.Collectors.toList());
        }
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(text);
        }
        if (type == double.class || type == Double.class) {
            return Double.valueOf(text);
        }
        if (type == long.class || type == Long.class) {
            return Long.valueOf(text);
        }
        return text;
    }

    private static String absolute(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    StyleParams params() {
        return StyleParams.builder().width(width).height(height).iterations(iterations).scales(scales)
                .contentLayers(contentLayers).styleLayers(styleLayers == null ? null : LayerWeights.parse(styleLayers))
                .contentWeight(contentWeight).styleWeight(styleWeight).tvWeight(tvWeight).styleBlend(styleBlend)
                .init(InitialImage.parse(init)).noiseRatio(noiseRatio).seed(seed).pooling(solver.pooling())
                .optimizer(solver.optimizer()).learningRate(learningRate).saveEvery(saveEvery).jitter(jitter)
                .preserveColors(originalColors).styleScale(styleScale).build();
    }
}
