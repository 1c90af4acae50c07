package io.stylecast.session.worker;

import io.stylecast.engine.Iteration;
import io.stylecast.engine.IterationListener;
import io.stylecast.engine.NonFiniteLossException;
import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.image.ImageFiles;
import io.stylecast.engine.image.TimeLapse;
import io.stylecast.engine.loss.LossValues;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.Addresses;
import io.stylecast.session.NodeInfo;
import io.stylecast.session.ResumeFiles;
import io.stylecast.session.SessionCheckpoint;
import io.stylecast.session.SessionDirectory;
import io.stylecast.session.TimeLapseFrames;
import io.stylecast.session.SessionFile;
import io.stylecast.session.SessionParams;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.SessionStatus;
import io.vertx.core.buffer.Buffer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a session on a worker: steps its {@link StyleTransfer} one iteration at a time and, for each,
 * sends progress and the frame (encoded once) to the manager on the attempt's address, and the session's files
 * (a snapshot every {@code saveEvery} iterations, {@code final.png} and the time-lapse) to the manager, which keeps
 * them. A file that cannot be made is skipped with a warning: it never costs the session. While no manager hears
 * the node, no frames are made. Confined to the worker's thread.
 */
final class SessionRun implements IterationListener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRun.class);

    private final String id;
    /** Where this attempt's events go: to the manager, which passes them on to the viewers. */
    private final String address;
    private final SessionSpec spec;
    private final int worker;
    private final StyleTransfer transfer;
    private final Outbox outbox;
    private final NodeRuns runs;
    private final StylecastMetrics metrics;
    private final FrameEncoder encoder;
    /** Where the time-lapse is made, on this node, before it goes to the manager whole. */
    private final int saveEvery;
    private final int checkpointEvery;
    private final long[] recent = new long[10];
    private long count;
    private long iterationStart;
    private SessionState state = SessionState.RUNNING;
    private String message;
    private SessionParams.Update beforeUpdate;
    private int lastIteration;
    private LossValues lastLosses;
    /** How many iterations apart the time-lapse's frames are (over the whole run, whichever attempt makes them). */
    private final int timeLapseEvery;
    private boolean timeLapseBroken;

    /**
     * @param worker the index of the worker that runs it
     * @param checkpointEvery send a checkpoint every this many iterations; 0 for none but at pause
     */
    SessionRun(SessionSpec spec, int worker, StyleTransfer transfer, Outbox outbox, NodeRuns runs, StylecastMetrics metrics,
               FrameEncoder encoder, int saveEvery, int checkpointEvery) {
        this.id = spec.id();
        this.address = Addresses.run(spec.id(), spec.attempt());
        this.spec = spec;
        this.worker = worker;
        this.transfer = transfer;
        this.outbox = outbox;
        this.runs = runs;
        this.metrics = metrics;
        this.encoder = encoder;
        this.timeLapseEvery = TimeLapse.every(spec.params().totalIterations());
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
            ResumeFiles.save(SessionDirectory.resume(output, id), id, spec.params(), checkpoint,
                    transfer.pictures().of(transfer.image()));
        } finally {
            checkpoint.release();
        }
    }

    SessionState state() {
        return state;
    }

    /** The run's state as its owner and viewers see it. */
    SessionStatus status() {
        return new SessionStatus(id, state, lastIteration, transfer.iterations(), lastLosses, 0, message);
    }

    /**
     * Changes the state (or only the message) and tells the manager. A run that ends sends its last word after its
     * files, and stays among the node's runs until then.
     *
     * @throws IllegalStateException for a move the state machine does not allow (pausing a paused session)
     */
    void moveTo(SessionState next, String newMessage) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("a session that is " + state.id() + " cannot become " + next.id());
        }
        state = next;
        message = newMessage;
        runs.update(id, new NodeInfo.Run(spec.attempt(), worker, state, lastIteration));
        SessionStatus status = status();
        if (!next.finished()) {
            outbox.send(address, status);
            return;
        }
        outbox.afterFiles(() -> {
            outbox.send(address, status);
            runs.ended(id, new NodeInfo.Outcome(id, spec.attempt(), status.state(), status.iteration(), status.message()));
        });
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
            outbox.afterFiles(() -> outbox.send(address, new SessionEvent.Done(id)));
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
        lastIteration = it.iteration();
        lastLosses = it.losses();
        runs.update(id, new NodeInfo.Run(spec.attempt(), worker, state, lastIteration));
        boolean snapshot = it.iteration() % saveEvery == 0;
        boolean viewed = runs.heard();
        if (!viewed && !snapshot && !it.last() && !TimeLapse.isFrame(it.iteration(), false, timeLapseEvery)) {
            return;
        }
        BufferedImage picture = transfer.pictures().of(image);
        byte[] frame = null;
        if (viewed || snapshot) {
            long encodeStart = System.nanoTime();
            frame = encoder.encode(picture);
            metrics.frameEncoded(System.nanoTime() - encodeStart);
        }
        if (viewed) {
            outbox.send(address, new SessionEvent.Progress(id, it.iteration(), it.iterations(), it.losses(),
                    iterationsPerSecond(now)));
            outbox.send(address, new SessionEvent.Frame(id, it.iteration(), encoder.format(), Buffer.buffer(frame)));
        }
        if (snapshot) {
            String extension = encoder.format().equals(FrameEncoder.PNG) ? "png" : "jpg";
            outbox.file(new SessionFile(id, spec.attempt(), String.format("%04d.%s", it.iteration(), extension), Buffer.buffer(frame)));
        }
        if (it.last()) {
            outbox.file(new SessionFile(id, spec.attempt(), "final.png", Buffer.buffer(ImageFiles.png(picture))));
        }
        timeLapse(it, picture);
    }

    /** The picture as it is now (the one the next iteration reports), as PNG; on the worker's thread. */
    byte[] png() {
        return ImageFiles.png(transfer.pictures().of(transfer.image()));
    }

    /** Over the last ten iterations. */
    private double iterationsPerSecond(long now) {
        long oldest = recent[count < recent.length ? 0 : (int) (count % recent.length)];
        long span = now - oldest;
        return count > 1 && span > 0 ? (Math.min(count, recent.length) - 1) * 1e9 / span : 0;
    }

    /**
     * Makes the picture a frame of the time-lapse if it is one, and sends it to the manager's folder of the session
     * ({@link TimeLapseFrames}), which puts the frames together when the session is done; a failure drops this run's
     * later frames only.
     */
    private void timeLapse(Iteration it, BufferedImage picture) {
        if (timeLapseBroken || !TimeLapse.isFrame(it.iteration(), it.last(), timeLapseEvery)) {
            return;
        }
        try {
            outbox.file(new SessionFile(id, spec.attempt(), TimeLapseFrames.name(it.iteration()),
                    Buffer.buffer(TimeLapse.frame(picture, spec.size()))));
        } catch (IOException | RuntimeException e) {
            LOG.warn("session {}: its time-lapse stops here, a frame of it could not be made ({}); the session goes on",
                    id, e.getMessage());
            timeLapseBroken = true;
        }
    }

    /** Frees the run's memory. */
    void close() {
        transfer.close();
    }
}
