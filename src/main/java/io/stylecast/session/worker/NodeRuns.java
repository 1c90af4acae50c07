package io.stylecast.session.worker;

import io.stylecast.session.NodeInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a node's workers run and what of it ended, for its announcements ({@link NodeInfo}), and whether a manager
 * hears the node. Runs go on while no web node answers (a restarted one takes them back, and learns from
 * {@link #outcomes} how the ones that ended meanwhile ended), but frames, which only viewers want, are not made.
 * Shared by the node's worker threads and its agent: every method is thread-safe.
 */
final class NodeRuns {

    /** Ended runs kept for a manager that is away, at most; the oldest are forgotten first. */
    static final int MAX_OUTCOMES = 1000;

    private final Map<String, NodeInfo.Run> running = new ConcurrentHashMap<>();
    private final Map<String, NodeInfo.Outcome> ended = new LinkedHashMap<>();
    private volatile boolean heard = true;

    /** A run started, or changed its state or iteration. */
    void update(String sessionId, NodeInfo.Run run) {
        running.put(sessionId, run);
    }

    /** A run ended: kept as an outcome until a manager has taken note of it. */
    void ended(String sessionId, NodeInfo.Outcome outcome) {
        running.remove(sessionId);
        synchronized (ended) {
            ended.put(sessionId, outcome);
            if (ended.size() > MAX_OUTCOMES) {
                ended.remove(ended.keySet().iterator().next());
            }
        }
    }

    /** A run stopped because its session continues elsewhere: there is nothing to report of it. */
    void dropped(String sessionId, int attempt) {
        running.computeIfPresent(sessionId, (id, run) -> run.attempt() == attempt ? null : run);
    }

    /** The runs a manager has taken note of. */
    void forget(List<String> sessionIds) {
        synchronized (ended) {
            sessionIds.forEach(ended::remove);
        }
    }

    Map<String, NodeInfo.Run> runs() {
        return Map.copyOf(running);
    }

    List<NodeInfo.Outcome> outcomes() {
        synchronized (ended) {
            return new ArrayList<>(ended.values());
        }
    }

    /** How the run of a session ended, if it did and no manager has taken note of it yet; else null. */
    NodeInfo.Outcome outcome(String sessionId) {
        synchronized (ended) {
            return ended.get(sessionId);
        }
    }

    /** Whether a manager answers this node's announcements. */
    boolean heard() {
        return heard;
    }

    void heard(boolean answered) {
        heard = answered;
    }
}
