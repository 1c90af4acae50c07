package io.stylecast.session;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/** The manager's record of one session. Confined to the manager's event loop. */
final class Session {

    final String id;
    final String ownerTokenHash;
    final long estimateBytes;
    final int iterations;
    final String client;
    final io.stylecast.engine.StyleParams params;
    final String frameFormat;
    SessionSpec spec;
    SessionState state = SessionState.QUEUED;
    int worker = -1;
    int iteration;
    JsonObject losses = new JsonObject();
    String message;
    Buffer latestFrame;
    String latestFormat;
    long finishedAt;
    int viewers;
    long unwatchedSince = System.currentTimeMillis();
    MessageConsumer<Object> events;

    Session(String id, String ownerTokenHash, SessionSpec spec, long estimateBytes) {
        this.id = id;
        this.ownerTokenHash = ownerTokenHash;
        this.spec = spec;
        this.estimateBytes = estimateBytes;
        this.iterations = spec.params().iterations();
        this.client = spec.client();
        this.params = spec.params();
        this.frameFormat = spec.frameFormat();
        this.iteration = spec.firstIteration();
    }

    /** A session saved by a shutdown, listed until its owner resumes it. */
    Session(ResumeFiles.Saved saved) {
        this.id = saved.id();
        this.ownerTokenHash = saved.ownerTokenHash();
        this.estimateBytes = 0;
        this.iterations = saved.iterations();
        this.client = null;
        this.params = SessionParams.parse(saved.params());
        this.frameFormat = saved.frameFormat();
        this.iteration = saved.iteration();
        this.state = SessionState.RESUMABLE;
    }

    /** @param queuePosition 1 for the next to run, or 0 when not queued */
    JsonObject status(int queuePosition) {
        JsonObject status = new JsonObject().put("id", id).put("state", state.id()).put("iteration", iteration)
                .put("iterations", iterations).put("losses", losses.copy())
                .put("queuePosition", queuePosition > 0 ? queuePosition : null);
        if (message != null) {
            status.put("message", message);
        }
        return status;
    }
}
