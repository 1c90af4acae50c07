package io.stylecast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylecast.engine.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default network out of the box on the built-in samples, as the default-network issue checks it. */
@IntegrationTest
class DefaultNetworkRenderTest {

    @TempDir
    Path dir;

    @Test
    void twoHundredIterationsAt256PxCutTheStyleLossByNinetyPercent() throws IOException {
        Path samples = Path.of("src/main/resources/samples");
        Path log = dir.resolve("losses.jsonl");
        int code = Main.run("render", "--content", samples.resolve("chelsea.png").toString(),
                "--style", samples.resolve("ihc.png").toString(), "--width", "256", "--iterations", "200",
                "--save-every", "100", "--output", dir.resolve("out").toString(), "--log-json", log.toString());
        assertEquals(0, code);
        List<String> lines = Files.readAllLines(log);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        JsonNode last = json.readTree(lines.get(200));
        double ratio = last.get("styleLoss").asDouble() / first.get("styleLoss").asDouble();
        assertTrue(ratio <= 0.1, "style loss " + first.get("styleLoss") + " -> " + last.get("styleLoss"));
        var image = ImageFiles.read(dir.resolve("out/final.png"), "result");
        assertEquals(256, image.getWidth());
        assertEquals(170, image.getHeight(), "451x300 scaled to 256 wide");
    }
}
