package io.stylecast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.net.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class ModelsTest {

    @TempDir
    Path dir;

    private Map<String, Models.Status> list() {
        return new Models(dir).list().stream().collect(Collectors.toMap(Models.Status::name, Function.identity()));
    }

    @Test
    void saysWhyEachMissingModelIsUnavailable() {
        Map<String, Models.Status> statuses = list();
        assertEquals(List.of("default", "vgg19", "random-vgg19"), new Models(dir).list().stream().map(Models.Status::name).toList());
        assertFalse(statuses.get("default").available());
        assertTrue(statuses.get("default").detail().contains("npm pack nsfwjs@4.4.0"), statuses.get("default").detail());
        assertFalse(statuses.get("vgg19").available());
        assertTrue(statuses.get("vgg19").detail().startsWith("model file not found: " + dir.resolve(Models.VGG19_FILE)),
                statuses.get("vgg19").detail());
        assertTrue(statuses.get("random-vgg19").available());
        assertTrue(statuses.get("random-vgg19").detail().startsWith("untrained"));
    }

    @Test
    void brokenFilesAreReportedAsSuch() throws IOException {
        Files.writeString(dir.resolve(Models.VGG19_FILE), "<html>404 Not Found</html>");
        Files.write(dir.resolve(InceptionV3.TARBALL), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        Map<String, Models.Status> statuses = list();
        assertFalse(statuses.get("vgg19").available());
        assertTrue(statuses.get("vgg19").detail().contains("not a readable MATLAB"), statuses.get("vgg19").detail());
        assertFalse(statuses.get("default").available());
        assertTrue(statuses.get("default").detail().contains("not a readable npm package"), statuses.get("default").detail());
    }

    @Test
    void theDefaultLoadsFromTheFetchedTarball() {
        Models models = new Models(Path.of("models"));
        assertEquals(InceptionV3.NAME, models.load(Models.DEFAULT, Pooling.AVG, DataType.FLOAT).name());
    }

    @Test
    void unknownNamesListTheChoices() {
        ModelException e = assertThrows(ModelException.class, () -> new Models(dir).load("vgg16", Pooling.AVG, DataType.FLOAT));
        assertTrue(e.getMessage().contains("default, vgg19, random-vgg19"), e.getMessage());
    }
}
