package io.stylecast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylecast.engine.image.ImageFiles;
import io.stylecast.model.MatConvNetVggTest;
import io.stylecast.model.VggMatFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the render command with a small random VGG-shaped .mat model on two pictures. */
class RenderCommandTest {

    @TempDir
    Path dir;

    private Path picture(String name, int seed) throws IOException {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        BufferedImage image = new BufferedImage(60, 50, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 60; x++) {
                int stripes = ((x / (4 + seed)) % 2) * 180;
                image.setRGB(x, y, (stripes << 16) | ((y * 5) % 256) << 8 | rng.nextInt(64));
            }
        }
        Path file = dir.resolve(name);
        ImageFiles.write(image, file);
        return file;
    }

    /** A small VGG-shaped network as a MatConvNet file, to render with quickly. */
    private Path smallModel() throws IOException {
        Path model = dir.resolve("small-vgg.mat");
        new VggMatFile(MatConvNetVggTest.smallChannels()).write(model);
        return model;
    }

    @Test
    void renderHalvesTheLossIn50IterationsAndWritesImages() throws IOException {
        Path model = smallModel();
        Path out = dir.resolve("out");
        Path log = dir.resolve("losses.jsonl");

        int code = Main.run("render", "--content", picture("content.png", 1).toString(),
                "--style", picture("style.png", 3).toString(), "--model", model.toString(),
                "--width", "48", "--height", "40", "--iterations", "50", "--save-every", "25",
                "--output", out.toString(), "--log-json", log.toString());

        assertEquals(0, code);
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(log)) {
            lines.add(json.readTree(line));
        }
        assertEquals(51, lines.size(), "one line per iteration 0..50");
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i, lines.get(i).get("iteration").asInt());
        }
        double first = lines.get(0).get("totalLoss").asDouble();
        double last = lines.get(50).get("totalLoss").asDouble();
        assertTrue(last < first / 2, "total loss " + first + " -> " + last);
        for (String file : new String[] {"0000.png", "0025.png", "0050.png", "final.png"}) {
            BufferedImage image = ImageFiles.read(out.resolve(file), "output");
            assertEquals(48, image.getWidth());
            assertEquals(40, image.getHeight());
        }
    }

    @Test
    void lbfgsFromContentWithBlendedStylesMaxPoolingAndTvWritesJpeg() throws IOException {
        Path model = smallModel();
        Path out = dir.resolve("out");
        Path log = dir.resolve("losses.jsonl");

        int code = Main.run("render", "--content", picture("content.png", 1).toString(),
                "--style", picture("a.png", 3).toString(), "--style", picture("b.png", 5).toString(),
                "--style-blend", "0.7,0.3", "--model", model.toString(), "--optimizer", "lbfgs",
                "--init", "content", "--pooling", "max", "--tv-weight", "1e-3", "--format", "jpg",
                "--width", "40", "--height", "32", "--iterations", "30", "--save-every", "100",
                "--output", out.toString(), "--log-json", log.toString(), "--original-colors", "--style-scale", "0.5",
                "--timelapse", out.resolve("run.gif").toString());

        assertEquals(0, code);
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(out.resolve("run.gif").toFile())) {
            javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(31, reader.getNumImages(true), "the time-lapse has every iteration of so short a run");
        }
        List<String> lines = Files.readAllLines(log);
        ObjectMapper json = new ObjectMapper();
        double first = json.readTree(lines.get(0)).get("totalLoss").asDouble();
        double last = json.readTree(lines.get(30)).get("totalLoss").asDouble();
        assertTrue(last < first / 2, "total loss " + first + " -> " + last);
        assertTrue(json.readTree(lines.get(0)).get("tvLoss").asDouble() > 0);
        assertTrue(Files.exists(out.resolve("0000.jpg")) && Files.exists(out.resolve("final.jpg")));
    }

    @Test
    void badInputExitsWith2AndSaysWhy() throws IOException {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path content = picture("content.png", 1);
        int missingStyle;
        int badWidth;
        try {
            System.setErr(new PrintStream(err, true));
            missingStyle = Main.run("render", "--content", content.toString(), "--style", dir.resolve("none.png").toString(),
                    "--model", "random-vgg19");
            badWidth = Main.run("render", "--content", content.toString(), "--style", content.toString(),
                    "--width", "5");
        } finally {
            System.setErr(originalErr);
        }
        assertEquals(2, missingStyle);
        assertEquals(2, badWidth);
        String messages = err.toString();
        assertTrue(messages.contains("style image not found"), messages);
        assertTrue(messages.contains("width must be between 16 and 4096, got 5"), messages);
    }

    /**
     * The same seed, parameters and network give the same bytes; another seed another picture; and the params.json
     * a run leaves renders it again.
     */
    @Test
    void sameSeedSameBytesAndParamsJsonRendersItAgain() throws IOException {
        Path model = smallModel();
        Path content = picture("content.png", 1);
        Path style = picture("style.png", 3);
        java.util.function.BiFunction<String, String, byte[]> render = (seed, name) -> {
            Path out = dir.resolve(name);
            assertEquals(0, Main.run("render", "--content", content.toString(), "--style", style.toString(),
                    "--model", model.toString(), "--width", "40", "--height", "32", "--iterations", "20",
                    "--seed", seed, "--output", out.toString()));
            try {
                return Files.readAllBytes(out.resolve("final.png"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        byte[] first = render.apply("7", "a");
        assertArrayEquals(first, render.apply("7", "b"), "the same seed gives the same bytes");
        assertFalse(java.util.Arrays.equals(first, render.apply("8", "c")), "another seed, another picture");

        JsonNode record = new ObjectMapper().readTree(dir.resolve("a/params.json").toFile());
        assertEquals(7, record.get("params").get("seed").asInt());
        assertEquals(1, record.get("params").get("contentLayers").size(), "the network's defaults are written out");
        assertTrue(record.get("params").get("styleLayers").size() > 0);
        assertEquals(2.0, record.get("params").get("learningRate").asDouble());
        assertEquals(40, record.get("params").get("width").asInt());
        assertEquals(model.toString(), record.get("model").asText());
        assertTrue(record.has("stylecast") && record.get("network").has("description"));

        assertEquals(0, Main.run("render", "--params", dir.resolve("a/params.json").toString(),
                "--output", dir.resolve("again").toString()));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("again/final.png")), "params.json renders it again");
        assertEquals(Main.EXIT_BAD_INPUT, Main.run("render", "--params", dir.resolve("a/params.json").toString(),
                "--seed", "3"));
    }

    @Test
    void scalesRenderCoarseToFineAndEndAtTheLastWidth() throws IOException {
        Path model = smallModel();
        Path out = dir.resolve("c2f");
        Path log = dir.resolve("c2f.jsonl");
        assertEquals(0, Main.run("render", "--content", picture("content.png", 1).toString(), "--style",
                picture("style.png", 3).toString(), "--model", model.toString(), "--scales", "24,40", "--iterations", "3,2",
                "--output", out.toString(), "--log-json", log.toString()));
        assertEquals(6, Files.readAllLines(log).size(), "iterations 0..5 over both scales");
        assertEquals(40, ImageFiles.read(out.resolve("final.png"), "output").getWidth());
        assertEquals(Main.EXIT_BAD_INPUT, Main.run("render", "--content", picture("content.png", 1).toString(), "--style",
                picture("style.png", 3).toString(), "--model", model.toString(), "--iterations", "3,2"));
    }

    /** A preset's values, and an explicit flag over them. */
    @Test
    void aPresetSetsItsValuesAndExplicitFlagsWin() throws IOException {
        Path model = smallModel();
        Path out = dir.resolve("quick");
        assertEquals(0, Main.run("render", "--content", picture("content.png", 1).toString(), "--style",
                picture("style.png", 3).toString(), "--model", model.toString(), "--preset", "quick", "--iterations", "3",
                "--output", out.toString()));
        JsonNode record = new ObjectMapper().readTree(out.resolve("params.json").toFile());
        assertEquals(256, record.get("params").get("width").asInt(), "the preset's width");
        assertEquals(3, record.get("params").get("iterations").asInt(), "the explicit iterations");
        assertEquals(Main.EXIT_BAD_INPUT, Main.run("render", "--content", picture("content.png", 1).toString(), "--style",
                picture("style.png", 3).toString(), "--preset", "slow"));
    }
}
