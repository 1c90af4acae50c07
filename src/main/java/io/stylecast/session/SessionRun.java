package io.stylecast.session;

import io.stylecast.engine.InputException;
import io.stylecast.engine.Iteration;
import io.stylecast.engine.IterationListener;
import io.stylecast.engine.NonFiniteLossException;
import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.image.ImageFiles;
import io.stylecast.engine.image.TimeLapse;
import io.stylecast.engine.loss.LossValues;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionStatus;
import io.vertx.core.buffer.Buffer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a session on a worker: steps its {@link StyleTransfer} one iteration at a time and,
 * for each, sends progress and the frame (encoded once) to the manager on the attempt's address, and writes the image to
 * {@code output/<id>/} every {@code saveEvery} iterations and at the end. Confined to the worker's
 * thread.
 */
final class SessionRun implements IterationListener {

    /** The run as an animated GIF in the session's output folder, there once the session is done. */
    static final String TIMELAPSE = "timelapse.gif";
    private static final Logger LOG = LoggerFactory.getLogger(SessionRun.class);

    private final String id;
    /** Where this attempt's events go: to the manager, which passes them on to the viewers. */
    private final String address;
    private final SessionSpec spec;
    private final StyleTransfer transfer;
    private final Outbox outbox;
    private final StylecastMetrics metrics;
    private final FrameEncoder encoder;
    private final Path outputDirectory;
    private final int saveEvery;
    private final long[] recent = new long[10];
    private long count;
    private long iterationStart;
    private SessionState state = SessionState.RUNNING;
    private SessionParams.Update beforeUpdate;
    private int lastIteration;
    private final int checkpointEvery;
    private LossValues lastLosses;
    private TimeLapse timeLapse;

    /** @param checkpointEvery send a checkpoint every this many iterations; 0 for none but at pause */
    SessionRun(SessionSpec spec, StyleTransfer transfer, Outbox outbox, StylecastMetrics metrics, FrameEncoder encoder,
               Path outputDirectory, int saveEvery, int checkpointEvery) {
        this.id = spec.id();
        this.address = Addresses.run(spec.id(), spec.attempt());
        this.spec = spec;
        this.transfer = transfer;
        this.outbox = outbox;
        this.metrics = metrics;
        this.encoder = encoder;
        this.outputDirectory = outputDirectory;
        this.saveEvery = saveEvery;
        this.lastIteration = spec.firstIteration();
        this.checkpointEvery = checkpointEvery;
    }

    /** Sends the manager a copy of where the run is, to write to disk; completes when it has it. */
    io.vertx.core.Future<?> sendCheckpoint() {
        return outbox.checkpoint(new SessionCheckpoint(id, spec.attempt(), transfer.checkpoint()));
    }

    String id() {
        return id;
    }

    int attempt() {
        return spec.attempt();
    }

    StyleTransfer transfer() {
        return transfer;
    }

    /** Writes the session's checkpoint, to continue exactly where it is after a restart. */
    void saveForResume(Path output) throws IOException {
        StyleTransfer.Checkpoint checkpoint = transfer.checkpoint();
        try {
            ResumeFiles.save(ResumeFiles.directory(output, id), spec, checkpoint, transfer.pictures().of(transfer.image()));
        } finally {
            checkpoint.release();
        }
    }

    SessionState state() {
        return state;
    }

    /**
     * Changes the state (or only the message) and tells every viewer and the manager.
     *
     * @throws InputException for a move the state machine does not allow (pausing a paused session)
     */
    void moveTo(SessionState next, String message) {
        if (!state.canMoveTo(next)) {
            throw new InputException("a session that is " + state.id() + " cannot become " + next.id());
        }
        state = next;
        outbox.send(address, new SessionStatus(id, state, lastIteration, transfer.iterations(), lastLosses, 0, message));
    }

    /** Keeps the weights and learning rate in force before a live update, to go back to if it overflows. */
    void rememberSettings() {
        beforeUpdate = new SessionParams.Update(transfer.loss().weights(), transfer.optimizer().learningRate());
    }

    /**
     * Runs one iteration; returns whether iterations remain. When the loss overflows float32 after a
     * live update, the settings go back to what they were before it (the image and the optimiser's
     * state are still those of the last good iteration) and the owner is told.
     *
     * @throws NonFiniteLossException when the loss overflows with settings no update brought
     */
    boolean step() {
        iterationStart = System.nanoTime();
        try {
            transfer.next(this);
        } catch (NonFiniteLossException e) {
            if (beforeUpdate == null) {
                throw e;
            }
            transfer.loss().setWeights(beforeUpdate.weights());
            transfer.optimizer().setLearningRate(beforeUpdate.learningRate());
            moveTo(state, "the update was undone: " + e.getMessage() + "; back to styleWeight "
                    + beforeUpdate.weights().style() + ", contentWeight " + beforeUpdate.weights().content()
                    + ", tvWeight " + beforeUpdate.weights().totalVariation() + ", learningRate " + beforeUpdate.learningRate());
            beforeUpdate = null;
            return true;
        }
        if (transfer.finished()) {
            outbox.send(address, new SessionEvent.Done(id));
            moveTo(SessionState.DONE, null);
            return false;
        }
        if (checkpointEvery > 0 && transfer.nextIteration() % checkpointEvery == 0) {
            sendCheckpoint();
        }
        return true;
    }

    @Override
    public void onIteration(Iteration it, INDArray image) {
        long now = System.nanoTime();
        if (!it.last()) {
            metrics.iteration(now - iterationStart);
        }
        recent[(int) (count++ % recent.length)] = now;
        long encodeStart = System.nanoTime();
        BufferedImage picture = transfer.pictures().of(image);
        byte[] frame = encoder.encode(picture);
        metrics.frameEncoded(System.nanoTime() - encodeStart);
        lastIteration = it.iteration();
        lastLosses = it.losses();
        outbox.send(address, new SessionEvent.Progress(id, it.iteration(), it.iterations(), it.losses(),
                iterationsPerSecond(now)));
        outbox.send(address, new SessionEvent.Frame(id, it.iteration(), encoder.format(), Buffer.buffer(frame)));
        save(it, picture, frame);
    }

    /** Over the last ten iterations. */
    private double iterationsPerSecond(long now) {
        long oldest = recent[count < recent.length ? 0 : (int) (count % recent.length)];
        long span = now - oldest;
        return count > 1 && span > 0 ? (Math.min(count, recent.length) - 1) * 1e9 / span : 0;
    }

    private void save(Iteration it, BufferedImage picture, byte[] frame) {
        try {
            if (it.iteration() % saveEvery == 0) {
                String extension = encoder.format().equals(FrameEncoder.PNG) ? "png" : "jpg";
                java.nio.file.Files.createDirectories(outputDirectory);
                java.nio.file.Files.write(outputDirectory.resolve(String.format("%04d.%s", it.iteration(), extension)), frame);
            }
            if (it.last()) {
                ImageFiles.write(picture, outputDirectory.resolve("final.png"));
            }
            if (timeLapse == null) {
                timeLapse = new TimeLapse(outputDirectory.resolve(TIMELAPSE), transfer.iterations(), spec.size());
            }
            timeLapse.offer(it.iteration(), it.last(), picture);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + outputDirectory, e);
        }
    }

    /** Frees the run's memory; an unfinished time-lapse is dropped. */
    void close() {
        transfer.close();
        if (timeLapse != null) {
            try {
                timeLapse.close();
            } catch (IOException e) {
                LOG.warn("session {}: cannot remove its unfinished time-lapse: {}", id, e.getMessage());
            }
        }
    }
}
