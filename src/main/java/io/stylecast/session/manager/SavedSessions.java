package io.stylecast.session.manager;

import io.stylecast.session.ResumeFiles;
import io.stylecast.session.SessionDirectory;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions found unfinished at start ({@link ResumeFiles}), saved by a shutdown or left by a crash, that nobody
 * has resumed yet: continued by their owners, taken back from a worker node that still runs them, discarded by
 * their owners, or deleted once older than {@code sessions.resumableDays}. The file work runs off the event loop;
 * the table is confined to the session manager's.
 */
final class SavedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SavedSessions.class);

    private final Vertx vertx;
    private final Path output;
    private final long maxAgeMillis;
    private final Clock clock;
    private final Map<String, ResumeFiles.Saved> saved = new HashMap<>();
    private final boolean inCluster;
    /**
     * The saved sessions that had been placed on a worker, which in a cluster its worker node may still run (the
     * table's web node went away, not the worker node): their owners' controls and resumes wait until the worker
     * nodes were heard from: a node took it back ({@link #taken}), or the time for that passed ({@link #unclaimed()}).
     */
    private final Set<String> mayStillRun = new HashSet<>();

    SavedSessions(Vertx vertx, Settings settings, Clock clock) {
        this.clock = clock;
        this.vertx = vertx;
        this.output = settings.output().directory();
        this.maxAgeMillis = settings.sessions().resumableDays() * 86_400_000L;
        this.inCluster = settings.cluster().enabled();
    }

    /** Reads what is on disk (each session on its own); returns what was found. */
    Future<List<ResumeFiles.Saved>> load() {
        return vertx.executeBlocking(() -> ResumeFiles.find(output)).onSuccess(found -> {
            found.forEach(s -> saved.put(s.id(), s));
            if (inCluster) {
                found.stream().filter(s -> s.attempt() > 0).forEach(s -> mayStillRun.add(s.id()));
            }
            if (!found.isEmpty()) {
                LOG.info("{} sessions from before this start can be resumed by their owners: {}", found.size(),
                        found.stream().map(ResumeFiles.Saved::id).toList());
            }
        });
    }

    int count() {
        return saved.size();
    }

    /**
     * The saved sessions that were never placed (still in the queue when the table's node went away: no placement and
     * no checkpoint; one saved by the version before #19 has no placement noted but a checkpoint), oldest first.
     */
    List<ResumeFiles.Saved> neverStarted() {
        return saved.values().stream().filter(s -> s.attempt() == 0 && s.iteration() == 0)
                .sorted(java.util.Comparator.comparingLong(ResumeFiles.Saved::savedAtMillis)).toList();
    }

    /** The saved session, or null. */
    ResumeFiles.Saved get(String id) {
        return saved.get(id);
    }

    /** It is no longer waiting for its owner: it continues, or a worker node that still ran it has it back. */
    void taken(String id) {
        saved.remove(id);
        mayStillRun.remove(id);
    }

    /** Whether a worker node may still run it: nodes have yet to be heard from since the table started. */
    boolean mayStillRun(String id) {
        return mayStillRun.contains(id);
    }

    /**
     * The worker nodes had their time to say which of these sessions they still run: the rest wait for their owners.
     *
     * @return the sessions no node claimed
     */
    List<String> unclaimed() {
        List<String> unclaimed = List.copyOf(mayStillRun);
        mayStillRun.clear();
        return unclaimed;
    }

    /**
     * Reads the session back to continue it; if its files cannot be read, the session cannot continue. Either way it
     * is no longer listed.
     */
    Future<SessionSpec> continuation(ResumeFiles.Saved session, String client) {
        saved.remove(session.id());
        mayStillRun.remove(session.id());
        Path dir = SessionDirectory.of(output, session.id());
        return vertx.executeBlocking(() -> {
            try {
                return ResumeFiles.continuation(dir, client);
            } catch (Exception e) {
                LOG.warn("saved session {} cannot be continued ({})", session.id(), e.toString());
                throw e;
            }
        });
    }

    /** Forgets a saved session and deletes its checkpoint; its folder notes that it ended. */
    void discard(String id, SessionState state, int iteration, String why) {
        saved.remove(id);
        mayStillRun.remove(id);
        Path dir = SessionDirectory.of(output, id);
        vertx.executeBlocking(() -> {
            ResumeFiles.delete(dir.resolve(ResumeFiles.DIRECTORY));
            SessionDirectory.finished(dir, state, iteration, why);
            return null;
        }).onFailure(e -> LOG.warn("cannot clear {}: {}", dir, e.toString()));
    }

    /** The saved sessions older than {@code sessions.resumableDays}. */
    List<ResumeFiles.Saved> expired() {
        long cutoff = clock.millis() - maxAgeMillis;
        return saved.values().stream().filter(s -> s.savedAtMillis() < cutoff).toList();
    }

    long maxAgeDays() {
        return maxAgeMillis / 86_400_000L;
    }
}
