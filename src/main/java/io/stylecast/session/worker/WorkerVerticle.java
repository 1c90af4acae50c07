package io.stylecast.session.worker;

import io.stylecast.engine.InputException;
import io.stylecast.engine.NonFiniteLossException;
import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.image.PixelTensor;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.Addresses;
import io.stylecast.session.Backend;
import io.stylecast.session.EngineFailure;
import io.stylecast.session.NodeInfo;
import io.stylecast.session.PictureRequest;
import io.stylecast.session.RenewInbox;
import io.stylecast.session.RunRecord;
import io.stylecast.session.SessionFile;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.SessionWire;
import io.stylecast.session.StaleRun;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.Refusal;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.SessionStatus;
import io.stylecast.settings.Role;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sessions on one network: deploy it with {@code ThreadingModel.WORKER} on a worker pool of its
 * own with one thread, since ND4J workspaces belong to a thread. It interleaves its sessions one
 * iteration at a time, round robin, and reads its inbox between iterations, so that pause, cancel
 * and update act within one iteration. A session that throws (including an out-of-memory in ND4J)
 * fails alone and releases its memory.
 */
public final class WorkerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);

    private final String node;
    private final int index;
    /** The GPU this worker's thread runs on; null on the CPU. */
    private final Integer device;
    private final Settings settings;
    private final StylecastMetrics metrics;
    /** Loads this worker's own copy of the network on its GPU; null when it runs the one given. */
    private final Supplier<FeatureNetwork> ownCopy;
    private FeatureNetwork network;
    private final Map<String, SessionRun> sessions = new LinkedHashMap<>();
    private final NodeRuns runs;
    private final Outbox outbox;
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private boolean scheduled;
    private MessageConsumer<Object> inbox;
    /** Set when the worker stops: no step is scheduled after it, since the worker's pool shuts down behind it. */
    private boolean stopping;

    /**
     * @param node this node's id among the cluster's members: the worker's address names it
     * @param device the GPU to bind this worker's thread to, or null
     * @param network the network to run; workers share one, read only
     * @param ownCopy loads a copy of the network for this worker's GPU instead, or null
     * @param runs where this worker keeps what it runs and what of it ended, for its node's announcements
     * @param outbox where the sessions' events and files leave from
     */
    WorkerVerticle(String node, int index, Integer device, Settings settings, StylecastMetrics metrics,
                   FeatureNetwork network, Supplier<FeatureNetwork> ownCopy, NodeRuns runs, Outbox outbox) {
        this.node = node;
        this.outbox = outbox;
        this.runs = runs;
        this.index = index;
        this.device = device;
        this.settings = settings;
        this.metrics = metrics;
        this.network = network;
        this.ownCopy = ownCopy;
    }

    @Override
    public Future<?> start() {
        // on this worker's own thread: its arrays, workspaces and kernels all on its GPU from here on
        if (device != null) {
            Backend.bind(device);
        }
        if (ownCopy != null) {
            network = ownCopy.get();
        }
        LOG.info("worker {} ready{}: {}", index, device == null ? "" : " on GPU " + device, network.description());
        inbox = vertx.eventBus().consumer(Addresses.worker(node, index), this::onMessage);
        return inbox.completion();
    }

    /** Registers the inbox's address with the cluster anew; messages meanwhile find it registered or not at all. */
    private void renewInbox() {
        LOG.info("worker {} registers its address anew", index);
        inbox.unregister().onComplete(done -> inbox = vertx.eventBus().consumer(Addresses.worker(node, index), this::onMessage));
    }

    private void onMessage(Message<Object> message) {
        Object body = message.body();
        if (body instanceof SessionSpec || body instanceof Buffer) {
            SessionSpec spec;
            try {
                // from another node, in its wire form (decoded here, on this worker's thread)
                spec = body instanceof Buffer wire ? SessionWire.decodeSpec(wire) : (SessionSpec) body;
            } catch (RuntimeException e) {
                LOG.warn("a session's spec could not be read", e);
                Refusal.INVALID.fail(message, "the session's spec could not be read");
                return;
            }
            begin(spec);
            message.reply(index);
        } else if (body instanceof Control control) {
            control(control, message);
        } else if (body instanceof StaleRun stale) {
            drop(stale);
        } else if (body instanceof PictureRequest request) {
            picture(request, message);
        } else if (body instanceof RenewInbox) {
            renewInbox();
        } else if (Addresses.PROBE.equals(body)) {
            message.reply(index);
        }
    }

    private void begin(SessionSpec spec) {
        SessionRun stale = sessions.get(spec.id());
        if (stale != null) {
            LOG.info("session {}: attempt {} replaces attempt {} here", spec.id(), spec.attempt(), stale.attempt());
            remove(stale);
        }
        FrameEncoder encoder = new FrameEncoder(spec.frameFormat() != null ? spec.frameFormat() : settings.frames().mediaType(),
                (float) settings.frames().quality());
        try {
            // the starting picture goes to the viewers before the targets are computed
            StyleTransfer transfer = StyleTransfer.create(network, spec.params(), spec.content(), spec.styles(), spec.init(),
                    spec.resumeFrom(), start -> outbox.send(Addresses.run(spec.id(), spec.attempt()), new SessionEvent.Frame(
                            spec.id(), spec.firstIteration(), encoder.format(),
                            Buffer.buffer(encoder.encode(PixelTensor.toImage(start, network.meanRgb()))))));
            if (spec.resumeFrom() == null) {
                sendRecord(spec);
            }
            SessionRun run = new SessionRun(spec, index, transfer, outbox, runs, metrics, encoder,
                    spec.params().saveEvery(),
                    settings.checkpoint().everyIterations());
            sessions.put(spec.id(), run);
            turns.add(spec.id());
            run.moveTo(SessionState.RUNNING, null);
            schedule();
        } catch (InputException | IllegalArgumentException e) {
            publishFailure(spec, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.warn("session {} could not start", spec.id(), e);
            publishFailure(spec, "could not start: " + EngineFailure.describe(e));
        }
    }

    /** The session's params.json, to render it again (its pictures the manager wrote when it was created). */
    private void sendRecord(SessionSpec spec) {
        JsonObject record = RunRecord.forSession(settings.model(), network, spec);
        outbox.file(new SessionFile(spec.id(), spec.attempt(), RunRecord.FILE, Buffer.buffer(record.encodePrettily() + "\n")));
    }

    private void control(Control control, Message<Object> message) {
        SessionRun run = sessions.get(control.sessionId());
        if (run == null) {
            NodeInfo.Outcome ended = runs.outcome(control.sessionId());
            NodeInfo.Run ending = runs.runs().get(control.sessionId());
            SessionState state = ended != null ? ended.state() : ending != null ? ending.state() : null;
            if (state != null && state.finished()) {
                Refusal.WRONG_STATE.fail(message, "the session is " + state.id());
            } else {
                Refusal.UNKNOWN_SESSION.fail(message, "no running session " + InputException.describe(control.sessionId()));
            }
            return;
        }
        try {
            SessionControl.apply(control, run, turns);
        } catch (InputException e) {
            Refusal.INVALID.fail(message, e.getMessage());
            return;
        } catch (IllegalStateException e) {
            Refusal.WRONG_STATE.fail(message, e.getMessage());
            return;
        }
        if (run.state().finished()) {
            remove(run);
        }
        schedule();
        message.reply(run.status());
    }

    /** The run's picture now, as PNG: read here, on the thread that steps it, between two of its iterations. */
    private void picture(PictureRequest request, Message<Object> message) {
        SessionRun run = sessions.get(request.sessionId());
        if (run == null || run.attempt() != request.attempt()) {
            Refusal.UNKNOWN_SESSION.fail(message, "no running session " + InputException.describe(request.sessionId()));
            return;
        }
        message.reply(Buffer.buffer(run.png()), new io.vertx.core.eventbus.DeliveryOptions()
                .addHeader(PictureRequest.ITERATION, Integer.toString(run.transfer().nextIteration())));
    }

    /** Stops a run whose session continues elsewhere, without a word to anyone. */
    private void drop(StaleRun stale) {
        SessionRun run = sessions.get(stale.sessionId());
        if (run != null && run.attempt() == stale.attempt()) {
            remove(run);
            runs.dropped(stale.sessionId(), stale.attempt());
        }
    }

    private void schedule() {
        if (!scheduled && !stopping && !turns.isEmpty()) {
            scheduled = true;
            context.runOnContext(v -> {
                scheduled = false;
                if (!stopping) {
                    step();
                }
            });
        }
    }

    private void step() {
        String id = turns.poll();
        SessionRun run = id == null ? null : sessions.get(id);
        if (run != null) {
            try {
                if (run.step()) {
                    turns.add(id);
                } else {
                    remove(run);
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                if (e instanceof NonFiniteLossException) {
                    LOG.info("session {} failed: {}", id, e.getMessage());
                } else {
                    LOG.warn("session {} failed", id, e);
                }
                run.moveTo(SessionState.FAILED, e instanceof NonFiniteLossException ? e.getMessage() : EngineFailure.describe(e));
                remove(run);
            }
        }
        schedule();
    }

    /** Takes a run off this worker and frees its memory (what it sends last is on its way already). */
    private void remove(SessionRun run) {
        sessions.remove(run.id());
        turns.remove(run.id());
        run.close();
    }

    private void publishFailure(SessionSpec spec, String message) {
        SessionStatus failed = new SessionStatus(spec.id(), SessionState.FAILED, spec.firstIteration(),
                spec.params().totalIterations(), null, 0, message);
        outbox.send(Addresses.run(spec.id(), spec.attempt()), failed);
        runs.ended(spec.id(), new NodeInfo.Outcome(spec.id(), spec.attempt(), SessionState.FAILED, spec.firstIteration(), message));
    }

    /**
     * A graceful shutdown. On a node that serves the web too, each unfinished session's checkpoint
     * and latest image go to disk, for its owner to resume after the restart. On a worker node, each
     * session's checkpoint goes to the manager instead (waited for, up to a few seconds), from which
     * it continues on another node once this one has left.
     */
    @Override
    public Future<?> stop() {
        stopping = true;
        List<Future<?>> sent = new ArrayList<>();
        for (SessionRun run : sessions.values()) {
            try {
                if (settings.role() == Role.WORKER) {
                    sent.add(run.sendCheckpoint().timeout(5, TimeUnit.SECONDS));
                } else {
                    run.saveForResume(settings.output().directory());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("session {} could not be saved for a resume", run.id(), e);
            }
        }
        Promise<Void> closed = Promise.promise();
        // the checkpoints' replies come on the outbox's event loop; the sessions' memory is freed on this thread
        Future.join(sent).onComplete(replies -> context.runOnContext(v -> {
            sessions.values().forEach(SessionRun::close);
            sessions.clear();
            closed.complete();
        }));
        return closed.future();
    }
}
