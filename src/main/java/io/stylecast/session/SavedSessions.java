package io.stylecast.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions a shutdown saved ({@link ResumeFiles}) and nobody has resumed yet: found at start,
 * continued, discarded by their owners, or deleted once older than {@code sessions.resumableDays}.
 * The file work runs off the event loop; the table is confined to the session manager's.
 */
final class SavedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SavedSessions.class);

    private final Vertx vertx;
    private final Path output;
    private final long maxAgeMillis;
    private final Map<String, ResumeFiles.Saved> saved = new HashMap<>();

    SavedSessions(Vertx vertx, ServerSettings settings) {
        this.vertx = vertx;
        this.output = settings.outputDirectory();
        this.maxAgeMillis = settings.section("sessions").getLong("resumableDays") * 86_400_000L;
    }

    /** Reads what is on disk (each session on its own: a damaged one is moved aside); returns what was found. */
    Future<List<ResumeFiles.Saved>> load() {
        return vertx.executeBlocking(() -> ResumeFiles.find(output)).onSuccess(found -> {
            found.forEach(s -> saved.put(s.id(), s));
            if (!found.isEmpty()) {
                LOG.info("{} sessions saved at the last shutdown can be resumed by their owners: {}", found.size(),
                        found.stream().map(ResumeFiles.Saved::id).toList());
            }
        });
    }

    int count() {
        return saved.size();
    }

    /** The saved session, or null. */
    ResumeFiles.Saved get(String id) {
        return saved.get(id);
    }

    /**
     * Reads the session back to continue it and deletes its files; if they cannot be read, moves them
     * aside. Either way it is no longer listed.
     */
    Future<SessionSpec> continuation(ResumeFiles.Saved session, String client) {
        saved.remove(session.id());
        Path dir = ResumeFiles.directory(output, session.id());
        return vertx.executeBlocking(() -> {
            try {
                SessionSpec spec = ResumeFiles.continuation(dir, session, client);
                ResumeFiles.deleteRecursively(dir);
                return spec;
            } catch (Exception e) {
                LOG.warn("saved session {} cannot be continued ({}); moved aside to {}", session.id(), e, ResumeFiles.DAMAGED);
                ResumeFiles.moveAside(dir);
                throw e;
            }
        });
    }

    /** Forgets a saved session and deletes its files. */
    void discard(String id) {
        saved.remove(id);
        Path dir = ResumeFiles.directory(output, id);
        vertx.executeBlocking(() -> {
            ResumeFiles.deleteRecursively(dir);
            return null;
        }).onFailure(e -> LOG.warn("cannot delete {}: {}", dir, e.toString()));
    }

    /** The saved sessions older than {@code sessions.resumableDays}. */
    List<ResumeFiles.Saved> expired() {
        long cutoff = System.currentTimeMillis() - maxAgeMillis;
        return saved.values().stream().filter(s -> s.savedAtMillis() < cutoff).toList();
    }

    long maxAgeDays() {
        return maxAgeMillis / 86_400_000L;
    }
}
