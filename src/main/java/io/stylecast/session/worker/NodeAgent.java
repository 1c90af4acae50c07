package io.stylecast.session.worker;

import io.stylecast.session.Addresses;
import io.stylecast.session.Membership;
import io.stylecast.session.NodeInfo;
import io.stylecast.session.NodeReply;
import io.stylecast.session.RenewInbox;
import io.stylecast.session.StaleRun;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker node's voice: announces the node's {@link NodeInfo} to the manager at once and then every
 * {@code cluster.heartbeatMillis}, as a request. The manager's {@link NodeReply} says which runs to stop (they are
 * stopped here, by the node itself, whatever became of messages sent to its workers) and which ended runs it has
 * taken note of. While no manager answers (the web node died or restarts, or the network is split), the node knows it
 * within {@value #MISSED_BEATS} heartbeats: its runs go on, ended runs and their files wait, and when a manager answers
 * again it learns them all. When the manager answers but cannot reach the node's workers, they register their
 * addresses anew. On one machine the same announcements go to the manager in the same process.
 */
public final class NodeAgent extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    static final int MISSED_BEATS = 3;

    private final WorkerSupervisor workers;
    private final Settings settings;
    private final Membership membership;
    private final int httpPort;
    /** Answers in a row that said the manager does not reach this node's workers; below 0 after a renewal, waiting. */
    private int unreached;
    private long lastAnswerMillis = System.currentTimeMillis();
    private boolean asking;

    /** @param httpPort where this node serves its own health and metrics; 0 when the web node's do */
    public NodeAgent(WorkerSupervisor workers, Settings settings, Membership membership, int httpPort) {
        this.workers = workers;
        this.settings = settings;
        this.membership = membership;
        this.httpPort = httpPort;
    }

    @Override
    public Future<?> start() {
        announce();
        vertx.setPeriodic(settings.cluster().heartbeatMillis(), id -> announce());
        return Future.succeededFuture();
    }

    private void announce() {
        long now = System.currentTimeMillis();
        if (workers.runs().heard() && now - lastAnswerMillis > MISSED_BEATS * settings.cluster().heartbeatMillis()) {
            workers.runs().heard(false);
            LOG.warn("no web node has answered for {} ms: the {} sessions here go on, and what they finish waits for a web node",
                    now - lastAnswerMillis, workers.runs().runs().size());
        }
        if (asking) {
            return;
        }
        asking = true;
        membership.isRegistered(Addresses.worker(workers.nodeId(), 0)).onSuccess(registered -> {
            if (!registered && unreached >= 0) {
                renew("the cluster lost the addresses of this node's workers (it merged again)");
            }
        });
        DeliveryOptions timeout = new DeliveryOptions().setSendTimeout(Math.max(2000, 2 * settings.cluster().heartbeatMillis()));
        vertx.eventBus().<NodeReply>request(Addresses.NODES, workers.nodeInfo(httpPort), timeout)
                .onComplete(reply -> asking = false)
                .onSuccess(reply -> answered(reply.body()))
                .onFailure(e -> LOG.debug("announcement not answered: {}", e.getMessage()));
    }

    private void answered(NodeReply reply) {
        lastAnswerMillis = System.currentTimeMillis();
        if (!workers.runs().heard()) {
            workers.runs().heard(true);
            LOG.info("a web node answers again: it has the sessions here back");
        }
        workers.runs().forget(reply.forget());
        renewIfUnreached(reply.reachable());
        var running = workers.runs().runs();
        for (String session : reply.stop()) {
            NodeInfo.Run run = running.get(session);
            if (run != null) {
                LOG.info("session {} continues elsewhere: stopping attempt {} here", session, run.attempt());
                vertx.eventBus().send(Addresses.worker(workers.nodeId(), run.worker()), new StaleRun(session, run.attempt()),
                        new DeliveryOptions().setLocalOnly(true));
            }
        }
        workers.outbox().retry();
    }

    /**
     * The manager hears this node but does not reach its workers: after a merge of the cluster, the addresses they
     * listen at can be missing from the cluster's registry. After {@value #MISSED_BEATS} such answers the workers
     * register them anew; another try waits ten more answers.
     */
    private void renewIfUnreached(boolean reachable) {
        if (reachable) {
            unreached = Math.min(unreached, 0);
        } else if (++unreached == MISSED_BEATS) {
            renew("the web node hears this node but does not reach its workers");
        }
    }

    /** Has the workers register their addresses anew; another renewal waits ten heartbeats. */
    private void renew(String why) {
        LOG.warn("{}: they register their addresses anew", why);
        for (int worker = 0; worker < workers.count(); worker++) {
            vertx.eventBus().send(Addresses.worker(workers.nodeId(), worker), new RenewInbox(),
                    new DeliveryOptions().setLocalOnly(true));
        }
        unreached = -10;
    }
}
