package io.stylecast.session.manager;

import io.stylecast.session.Addresses;
import io.stylecast.session.Backend;
import io.stylecast.session.Membership;
import io.stylecast.session.NodeInfo;
import io.stylecast.session.NodeReply;
import io.stylecast.session.protocol.Refusal;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.settings.Settings;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's view of the worker nodes. A node counts only while it is a member of the cluster
 * ({@link Membership}) and announces itself, and it is given sessions only once the manager has reached its workers.
 * Each announcement is answered ({@link NodeReply}) with the runs the node is to stop, and the manager learns from it
 * which of its runs ended. A node is lost when the cluster's membership says it left (the one failure detector: a node
 * that dies, or is paused past JGroups' suspicion time, leaves the view); its sessions then move: each becomes
 * {@code moved}, then goes back to the head of the queue to continue from its last checkpoint (or from the start when
 * it had none yet) as a new attempt. A restarted manager takes back the runs a node still has of the sessions it
 * found unfinished, and learns how the ones that ended meanwhile ended. Confined to the manager's event loop.
 */
final class NodeWatch implements SessionTable.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(NodeWatch.class);
    /** A session moved off lost nodes this many times fails rather than move again. */
    static final int MAX_MOVES = 5;
    private static final DeliveryOptions PROBE = new DeliveryOptions().setSendTimeout(5000);

    private final SessionTable table;
    private final EventBus bus;
    private final SessionFiles files;
    private final Placement placement;
    private final Settings settings;
    private final Membership membership;
    private final SavedSessions saved;
    private final OwnerRequests owners;

    NodeWatch(SessionTable table, EventBus bus, SessionFiles files, Placement placement, Settings settings,
              Membership membership, SavedSessions saved, OwnerRequests owners) {
        this.table = table;
        this.bus = bus;
        this.files = files;
        this.placement = placement;
        this.settings = settings;
        this.membership = membership;
        this.saved = saved;
        this.owners = owners;
    }

    /** A node's periodic announcement: recorded if the node is a member, and answered. */
    void announced(Message<NodeInfo> message) {
        NodeInfo info = message.body();
        if (!membership.isMember(info.id())) {
            LOG.debug("an announcement from {}, which is not a member of the cluster now: ignored", info.id());
            Refusal.NOT_A_MEMBER.fail(message, "not a member of this cluster now");
            return;
        }
        if (placement.update(info)) {
            LOG.info("node {} ({}) is here: workers {}, memory budget {} MB, {}, network {}", info.id(), info.role(), info.workers(),
                    info.memoryBudgetMb(), Backend.text(info.backend()), info.model());
            if (!info.model().equals(settings.model())) {
                LOG.warn("node {} holds the network '{}', not this server's '{}': it takes no sessions (give every node the same model)",
                        info.id(), info.model(), settings.model());
            }
        }
        boolean self = info.id().equals(membership.self());
        if (self && !placement.isReady(info.id())) {
            placement.ready(info.id());   // this node's own workers, reached within the process
            table.admit();
        } else if (!self && !placement.isReady(info.id())) {
            probe(info.id());
        }
        List<String> stop = new ArrayList<>();
        for (Map.Entry<String, NodeInfo.Run> run : info.runs().entrySet()) {
            if (!keep(info.id(), run.getKey(), run.getValue())) {
                stop.add(run.getKey());
            }
        }
        List<String> forget = new ArrayList<>();
        for (NodeInfo.Outcome outcome : info.outcomes()) {
            ended(info.id(), outcome);
            forget.add(outcome.sessionId());
        }
        message.reply(new NodeReply(stop, forget, self || placement.isReady(info.id())));
        for (Session session : table.all()) {
            if (session.placed() && session.slot().node().equals(info.id())) {
                owners.retry(session);
            }
        }
    }

    /** Reaches the node's first worker; the node takes sessions once it answers. */
    private void probe(String node) {
        bus.request(Addresses.worker(node, 0), Addresses.PROBE, PROBE).onSuccess(answer -> {
            if (placement.has(node) && !placement.isReady(node)) {
                placement.ready(node);
                LOG.info("node {} takes sessions", node);
                table.admit();
            }
        });
    }

    /**
     * Whether a run a node announces goes on: its session's current attempt there, one that a restarted manager takes
     * back, or one that is ending (its outcome follows). Any other is stopped: its session continues elsewhere.
     */
    private boolean keep(String node, String sessionId, NodeInfo.Run run) {
        Session session = table.find(sessionId);
        if (run.state().finished()) {
            return true;
        }
        if (session != null && session.placed() && session.slot().node().equals(node) && session.attempt() == run.attempt()) {
            return true;
        }
        if (session != null && session.state() == SessionState.RESUMABLE && session.attempt() == run.attempt()) {
            return takeBack(session, node, run);
        }
        LOG.info("node {} still runs attempt {} of session {}, which has moved on; it stops it", node, run.attempt(), sessionId);
        return false;
    }

    /** A session found unfinished at start whose run a node still has: it goes on there, where it is. */
    private boolean takeBack(Session session, String node, NodeInfo.Run run) {
        Placement.Slot slot = placement.takeOn(node, run.worker(), session.estimateBytes);
        if (slot == null) {
            return false;
        }
        saved.taken(session.id);
        table.takeBack(session, slot, run);
        LOG.info("session {} is back: node {} still runs it (attempt {}, iteration {})", session.id, node, run.attempt(),
                run.iteration());
        owners.claimed(session);
        return true;
    }

    /** A run ended on a node: the session ends so if that run is its current one (the manager may not have heard). */
    private void ended(String node, NodeInfo.Outcome outcome) {
        Session session = table.find(outcome.sessionId());
        if (session == null || session.attempt() != outcome.attempt()) {
            return;
        }
        boolean resumable = session.state() == SessionState.RESUMABLE;
        if (resumable || session.placed() && session.slot().node().equals(node)) {
            if (resumable) {
                saved.taken(session.id);
                LOG.info("session {} ended while this server was away: {} at iteration {}", session.id, outcome.state().id(),
                        outcome.iteration());
            }
            table.finishFromWorker(session, outcome.state(), outcome.iteration(), outcome.message())
                    .onComplete(ended -> owners.claimed(session));
        }
    }

    /** A node is gone: it takes no more sessions, and the ones it ran move. */
    void lost(String node, String why) {
        if (!placement.remove(node)) {
            return;
        }
        LOG.warn("node {} {}; its sessions move to other nodes", node, why);
        for (Session session : table.all()) {
            if (session.placed() && session.slot().node().equals(node)) {
                move(session, "its node " + why);
            }
        }
    }

    /** The spec reached its worker: the owner's waiting controls go to it, a pause first if it was paused before it moved. */
    @Override
    public void started(Session session, int attempt) {
        if (session.attempt() != attempt || !session.placed()) {
            return;
        }
        session.started();
        if (session.takePauseAgain()) {
            owners.pauseAgain(session);
        } else {
            owners.next(session);
        }
    }

    /**
     * The spec did not reach its worker (the node is going away, or the manager does not reach it yet): the node takes
     * no more sessions until it is reached again, and the session goes back to the head of the queue. That is no
     * move of the session's own doing, and does not count against it.
     */
    @Override
    public void notStarted(Session session, int attempt, Throwable why) {
        if (session.attempt() == attempt && session.placed()) {
            String node = session.slot().node();
            LOG.warn("session {}: node {} did not take attempt {}: {}", session.id, node, attempt, why.getMessage());
            placement.notReady(node);
            table.moveOff(session, "its worker did not take it; it starts again elsewhere");
            continueFromCheckpoint(session);
        }
    }

    private void move(Session session, String why) {
        table.moveOff(session, why + "; it continues elsewhere from its last checkpoint");
        if (session.countMove() >= MAX_MOVES) {
            table.end(session, SessionState.FAILED, why + ", and it has been moved " + MAX_MOVES + " times; start it again");
            return;
        }
        continueFromCheckpoint(session);
    }

    private void continueFromCheckpoint(Session session) {
        files.continuation(session)
                .onSuccess(spec -> {
                    if (session.state() == SessionState.MOVED) {
                        LOG.info("session {} continues from iteration {}", session.id, spec.firstIteration());
                        table.requeueFirst(session, spec);
                    }
                })
                .onFailure(e -> table.end(session, SessionState.FAILED, "it could not continue from its checkpoint"));
    }
}
