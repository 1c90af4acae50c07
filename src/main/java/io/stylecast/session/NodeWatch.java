package io.stylecast.session;

import io.stylecast.session.protocol.Control;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's view of the worker nodes: it records their announcements, notices a node that left
 * the cluster or stopped announcing itself, and moves that node's sessions elsewhere: each becomes
 * {@code moved}, then goes back to the head of the queue to continue from its last checkpoint (or
 * from the start when it had none yet) as a new attempt. A run that a node still has after its
 * session moved on is stopped. Confined to the manager's event loop.
 */
final class NodeWatch {

    private static final Logger LOG = LoggerFactory.getLogger(NodeWatch.class);
    /** A session placed this many times without finishing fails rather than move again. */
    static final int MAX_ATTEMPTS = 5;

    private final SessionManager manager;
    private final Placement placement;
    private final ServerSettings settings;

    NodeWatch(SessionManager manager, Placement placement, ServerSettings settings) {
        this.manager = manager;
        this.placement = placement;
        this.settings = settings;
    }

    /** A node's periodic announcement. */
    void announced(NodeInfo info) {
        if (placement.update(info, System.currentTimeMillis())) {
            LOG.info("node {} ({}) is here: workers {}, memory budget {} MB, {}, network {}", info.id(), info.role(), info.workers(),
                    info.memoryBudgetMb(), Backend.text(info.backend()), info.model());
            if (!info.model().equals(settings.model())) {
                LOG.warn("node {} holds the network '{}', not this server's '{}': it takes no sessions (give every node the same model)",
                        info.id(), info.model(), settings.model());
            }
            manager.admitQueued();
        }
        stopStaleRuns(info);
    }

    /**
     * Stops each run a node announces that is not its session's current attempt there (the node was
     * taken for lost and its sessions moved on). Never the current attempt's worker: a worker given a
     * session it already runs replaces the old run itself.
     */
    private void stopStaleRuns(NodeInfo info) {
        for (Map.Entry<String, Integer> run : info.runs().entrySet()) {
            Session session = manager.find(run.getKey());
            Placement.Slot slot = session == null ? null : session.slot;
            boolean here = slot != null && slot.node().equals(info.id());
            if (here && session.attempt == run.getValue()) {
                continue;
            }
            LOG.info("node {} still runs attempt {} of session {}, which has moved on; stopping it", info.id(),
                    run.getValue(), run.getKey());
            for (int worker = 0; worker < info.workers(); worker++) {
                if (!here || worker != slot.worker()) {
                    manager.vertx().eventBus().send(Addresses.worker(info.id(), worker), new Control.Cancel(run.getKey()));
                }
            }
        }
    }

    /** Nodes silent for longer than {@code cluster.nodeTimeoutSeconds} are taken for lost. */
    void checkSilent() {
        for (String node : placement.silentSince(System.currentTimeMillis() - settings.nodeTimeoutMillis())) {
            lost(node, "stopped answering");
        }
    }

    /** A node is gone: it takes no more sessions, and the ones it ran move. */
    void lost(String node, String why) {
        if (!placement.remove(node)) {
            return;
        }
        LOG.warn("node {} {}; its sessions move to other nodes", node, why);
        for (Session session : manager.all()) {
            if (session.slot != null && session.slot.node().equals(node)
                    && (session.state() == SessionState.RUNNING || session.state() == SessionState.PAUSED)) {
                move(session, "its node " + why);
            }
        }
    }

    /** The spec reached its worker: a session that was paused before it moved is paused again. */
    void started(Session session, int attempt) {
        if (session.attempt == attempt && session.pausedWhenMoved && session.state() == SessionState.RUNNING) {
            session.pausedWhenMoved = false;
            manager.vertx().eventBus().request(Addresses.worker(session.slot.node(), session.slot.worker()),
                    new Control.Pause(session.id));
        }
    }

    /** The spec did not reach its worker (its node is going away, or did not answer in time): move it again. */
    void notStarted(Session session, int attempt, Throwable why) {
        if (session.attempt == attempt && session.slot != null
                && (session.state() == SessionState.RUNNING || session.state() == SessionState.PAUSED)) {
            LOG.warn("session {}: node {} did not take attempt {}: {}", session.id, session.slot.node(), attempt, why.getMessage());
            move(session, "its node did not take it");
        }
    }

    private void move(Session session, String why) {
        session.pausedWhenMoved = session.state() == SessionState.PAUSED;
        manager.leaveSlot(session);
        session.moveTo(SessionState.MOVED, why + "; it continues elsewhere from its last checkpoint");
        manager.toViewers(session, session.status(0));
        if (session.attempt >= MAX_ATTEMPTS) {
            manager.fail(session, why + ", and it has been moved " + MAX_ATTEMPTS + " times; start it again");
            return;
        }
        manager.files().continuation(session, session.spec)
                .onSuccess(spec -> {
                    if (session.state() == SessionState.MOVED) {
                        LOG.info("session {} continues from iteration {}", session.id, spec.firstIteration());
                        session.spec = spec;
                        manager.requeueFirst(session);
                    }
                })
                .onFailure(e -> manager.fail(session, "it could not continue from its checkpoint: " + e.getMessage()));
    }
}
