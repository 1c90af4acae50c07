package io.stylecast.session.manager;

import io.stylecast.engine.StyleParams;
import io.stylecast.session.ResumeFiles;
import io.stylecast.session.SessionCheckpoint;
import io.stylecast.session.SessionDirectory;
import io.stylecast.session.SessionFile;
import io.stylecast.session.SessionParams;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.SessionWire;
import io.stylecast.session.TimeLapseFrames;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's side of each session's folder ({@link SessionDirectory}): written when the session is created,
 * noted at each placement, filled with the files its workers send and its checkpoints ({@link ResumeFiles}), read
 * back when it moves to another node, marked when it ends. A session's file work runs off the event loop, one task
 * after the other in the order asked; a write that fails (a full disk, no file descriptors left) is logged and
 * skipped, and never costs the session. Confined to the manager's event loop.
 */
final class SessionFiles implements SessionTable.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionFiles.class);

    private final Vertx vertx;
    /** The table's session of an id, or null. */
    private final Function<String, Session> sessions;
    private final Settings settings;

    SessionFiles(Vertx vertx, Function<String, Session> sessions, Settings settings) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.settings = settings;
    }

    /** Writes a new session's record and pictures, once. */
    void created(Session session) {
        SessionSpec spec = session.spec;
        onDisk(session, () -> {
            SessionDirectory.create(directory(session), spec, session.listed, session.estimateBytes);
            return null;
        });
    }

    /** Notes the session's new placement. */
    @Override
    public void placed(Session session) {
        int attempt = session.attempt();
        onDisk(session, () -> {
            SessionDirectory.placed(directory(session), attempt);
            return null;
        });
    }

    /**
     * Writes the latest checkpoint of a session that runs. One from a worker node comes in its wire
     * form and is decoded off the event loop; one from a stale attempt, or for a session that ended,
     * is dropped.
     */
    void checkpoint(Message<Object> message) {
        message.reply(null);
        Object body = message.body();
        JsonObject header = body instanceof Buffer wire ? SessionWire.checkpointHeader(wire) : null;
        String id = header != null ? header.getString("id") : ((SessionCheckpoint) body).sessionId();
        int attempt = header != null ? header.getInteger("attempt") : ((SessionCheckpoint) body).attempt();
        Session session = sessions.apply(id);
        if (session == null || !session.placed() || attempt != session.attempt()) {
            if (body instanceof SessionCheckpoint local) {
                local.checkpoint().release();
            }
            return;
        }
        SessionSpec spec = session.spec;
        onDisk(session, () -> {
            SessionCheckpoint checkpoint = body instanceof Buffer wire ? SessionWire.decodeCheckpoint(wire) : (SessionCheckpoint) body;
            try {
                // a session taken back after a restart has its parameters in its folder only
                StyleParams params = spec != null ? spec.params()
                        : SessionParams.parse(SessionDirectory.readRecord(directory(session)).getJsonObject("params"));
                ResumeFiles.save(resume(session), id, params, checkpoint.checkpoint(), null);
            } finally {
                checkpoint.checkpoint().release();
            }
            return null;
        });
    }

    /**
     * Keeps a file a worker sent, in the session's folder; answered once it is written (or could not be). A file from
     * an attempt that is not the session's latest, or of a session this manager does not know, is dropped.
     */
    void file(Message<SessionFile> message) {
        SessionFile file = message.body();
        Session session = sessions.apply(file.sessionId());
        if (session == null || session.attempt() != file.attempt()) {
            message.reply(null);
            return;
        }
        onDisk(session, () -> {
            SessionDirectory.write(directory(session), file);
            return null;
        }).onComplete(written -> message.reply(null));
    }

    /** A session its worker finished: its time-lapse is put together from its frames before it is told done. */
    @Override
    public void ending(Session session, SessionState state) {
        if (state == SessionState.DONE) {
            onDisk(session, () -> {
                TimeLapseFrames.assemble(directory(session));
                return null;
            });
        }
    }

    /** A session that ended has nothing left to resume; its folder notes how it ended; one not done keeps no time-lapse. */
    @Override
    public void released(Session session) {
        SessionState state = session.state();
        int iteration = session.iteration();
        String message = session.status(0).message();
        onDisk(session, () -> {
            ResumeFiles.delete(resume(session));
            if (state != SessionState.DONE) {
                TimeLapseFrames.drop(directory(session));
            }
            SessionDirectory.finished(directory(session), state, iteration, message);
            return null;
        });
    }

    /**
     * The spec that continues a session: from its last checkpoint; without one, from its start, with the pictures the
     * manager holds (or, for a session taken back after a restart, those of its folder).
     */
    Future<SessionSpec> continuation(Session session) {
        Path dir = directory(session);
        SessionSpec original = session.spec;
        String client = session.client;
        return onDisk(session, () -> original != null && !Files.isRegularFile(resume(session).resolve("state.json"))
                ? original : ResumeFiles.continuation(dir, client));
    }

    private Path directory(Session session) {
        return SessionDirectory.of(settings.output().directory(), session.id);
    }

    private Path resume(Session session) {
        return SessionDirectory.resume(settings.output().directory(), session.id);
    }

    /** Runs a session's file work off the event loop, after any asked for before it; a failure is logged. */
    private <T> Future<T> onDisk(Session session, Callable<T> work) {
        Future<T> done = session.fileWork.transform(ignored -> vertx.executeBlocking(work));
        session.fileWork = done.<Void>mapEmpty().recover(e -> {
            LOG.warn("session {}: a file could not be written or read, and is skipped: {}", session.id, e.toString());
            return Future.succeededFuture();
        });
        return done;
    }
}
