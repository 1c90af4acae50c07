package io.stylecast.cli;

import io.stylecast.engine.Iteration;
import io.stylecast.engine.IterationListener;
import io.stylecast.engine.image.ImageFiles;
import io.stylecast.engine.image.Pictures;
import io.stylecast.engine.image.TimeLapse;
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
    private final TimeLapse timeLapse;

    /** @param timeLapse where the run's animation goes too, or null */
    Snapshots(Path directory, String format, int saveEvery, Pictures pictures, TimeLapse timeLapse) {
        this.directory = directory;
        this.format = format;
        this.saveEvery = saveEvery;
        this.pictures = pictures;
        this.timeLapse = timeLapse;
    }

    @Override
    public void onIteration(Iteration iteration, INDArray image) {
        boolean due = iteration.iteration() % saveEvery == 0;
        boolean lapse = timeLapse != null && timeLapse.wants(iteration.iteration(), iteration.last());
        if (!due && !iteration.last() && !lapse) {
            return;
        }
        try {
            var picture = pictures.of(image);
            if (lapse) {
                timeLapse.offer(iteration.iteration(), iteration.last(), picture);
            }
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
