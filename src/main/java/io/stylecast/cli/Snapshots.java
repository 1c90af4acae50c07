package io.stylecast.cli;

import io.stylecast.engine.Iteration;
import io.stylecast.engine.IterationListener;
import io.stylecast.engine.image.ImageFiles;
import io.stylecast.engine.image.Pictures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the recovered image every {@code saveEvery} iterations as {@code DIR/NNNN.png} (the image
 * after NNNN updates, 0000 being the start) and the final one also as {@code DIR/final.png}.
 */
final class Snapshots implements IterationListener {

    private final Path directory;
    private final String format;
    private final int saveEvery;
    private final Pictures pictures;

    Snapshots(Path directory, String format, int saveEvery, Pictures pictures) {
        this.directory = directory;
        this.format = format;
        this.saveEvery = saveEvery;
        this.pictures = pictures;
    }

    @Override
    public void onIteration(Iteration iteration, INDArray image) {
        boolean due = iteration.iteration() % saveEvery == 0;
        if (!due && !iteration.last()) {
            return;
        }
        try {
            var picture = pictures.of(image);
            if (due) {
                ImageFiles.write(picture, directory.resolve(String.format("%04d.%s", iteration.iteration(), format)));
            }
            if (iteration.last()) {
                ImageFiles.write(picture, finalImage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + directory + ": " + e.getMessage(), e);
        }
    }

    Path finalImage() {
        return directory.resolve("final." + format);
    }
}
