package io.stylecast.cli;

import io.stylecast.engine.Iteration;
import io.stylecast.engine.IterationListener;
import io.stylecast.engine.image.Pictures;
import io.stylecast.engine.image.TimeLapse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a render run writes as it goes: image snapshots, a JSON loss log, and progress on stderr. */
final class RenderOutput implements IterationListener, AutoCloseable {

    private final Snapshots snapshots;
    private final JsonLossLog log;
    private final Progress progress;
    private final OutputStream logFile;
    private final TimeLapse timeLapse;

    /**
     * @param logJson a file name, {@code -} for stdout, or null for no log
     * @param timeLapse where the run's animation goes, or null
     */
    RenderOutput(Path directory, String format, int saveEvery, Pictures pictures, String logJson, TimeLapse timeLapse)
            throws IOException {
        this.timeLapse = timeLapse;
        this.snapshots = new Snapshots(directory, format, saveEvery, pictures, timeLapse);
        if (logJson == null) {
            this.logFile = null;
            this.log = null;
        } else if (logJson.equals("-")) {
            this.logFile = null;
            this.log = new JsonLossLog(System.out);
        } else {
            Path file = Path.of(logJson);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            this.logFile = Files.newOutputStream(file);
            this.log = new JsonLossLog(new PrintStream(logFile, false, java.nio.charset.StandardCharsets.UTF_8));
        }
        this.progress = Progress.create(System.err, saveEvery);
    }

    @Override
    public void onIteration(Iteration iteration, INDArray image) {
        if (log != null) {
            log.write(iteration);
        }
        snapshots.onIteration(iteration, image);
        progress.update(iteration);
    }

    Path finalImage() {
        return snapshots.finalImage();
    }

    @Override
    public void close() throws IOException {
        progress.close();
        if (timeLapse != null) {
            timeLapse.close();
        }
        if (log != null) {
            log.flush();
        }
        if (logFile != null) {
            logFile.close();
        }
    }
}
