package io.stylecast.session;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's side of each running session's checkpoint under {@code output/<id>/resume/}
 * ({@link ResumeFiles}): written as workers send it, read back when the session moves to another
 * node, deleted when it ends. A session's file work runs off the event loop, one task after the
 * other in the order asked. Confined to the manager's event loop.
 */
final class SessionFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SessionFiles.class);

    private final SessionManager manager;
    private final ServerSettings settings;

    SessionFiles(SessionManager manager, ServerSettings settings) {
        this.manager = manager;
        this.settings = settings;
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
        Session session = manager.find(id);
        if (session == null || session.spec == null || session.state().finished() || attempt != session.attempt) {
            if (body instanceof SessionCheckpoint local) {
                local.checkpoint().release();
            }
            return;
        }
        SessionSpec spec = session.spec;
        onDisk(session, () -> {
            SessionCheckpoint checkpoint = body instanceof Buffer wire ? SessionWire.decodeCheckpoint(wire) : (SessionCheckpoint) body;
            try {
                ResumeFiles.save(directory(session), spec, checkpoint.checkpoint(), null);
            } finally {
                checkpoint.checkpoint().release();
            }
            return null;
        });
    }

    /** A session that ended has nothing left to resume. */
    void delete(Session session) {
        onDisk(session, () -> {
            ResumeFiles.delete(directory(session));
            return null;
        });
    }

    /** The spec that continues a session from its last checkpoint, or {@code original} when it has none yet. */
    Future<SessionSpec> continuation(Session session, SessionSpec original) {
        Path dir = directory(session);
        return onDisk(session, () -> Files.isRegularFile(dir.resolve("state.json"))
                ? ResumeFiles.continuation(dir, session.id, session.client) : original);
    }

    private Path directory(Session session) {
        return ResumeFiles.directory(settings.outputDirectory(), session.id);
    }

    /** Runs a session's file work off the event loop, after any asked for before it; a failure is logged. */
    private <T> Future<T> onDisk(Session session, Callable<T> work) {
        Future<T> done = session.fileWork.transform(ignored -> manager.vertx().executeBlocking(work));
        session.fileWork = done.<Void>mapEmpty().recover(e -> {
            LOG.warn("session {}: {}", session.id, e.toString());
            return Future.succeededFuture();
        });
        return done;
    }
}
