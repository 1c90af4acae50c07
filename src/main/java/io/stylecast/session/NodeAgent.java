package io.stylecast.session;

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
 * again it learns them all. On one machine the same announcements go to the manager in the same process.
 */
public final class NodeAgent extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    static final int MISSED_BEATS = 3;

    private final WorkerSupervisor workers;
    private final ServerSettings settings;
    private final int httpPort;
    private long lastAnswerMillis = System.currentTimeMillis();
    private boolean asking;

    /** @param httpPort where this node serves its own health and metrics; 0 when the web node's do */
    public NodeAgent(WorkerSupervisor workers, ServerSettings settings, int httpPort) {
        this.workers = workers;
        this.settings = settings;
        this.httpPort = httpPort;
    }

    @Override
    public Future<?> start() {
        announce();
        vertx.setPeriodic(settings.heartbeatMillis(), id -> announce());
        return Future.succeededFuture();
    }

    private void announce() {
        long now = System.currentTimeMillis();
        if (workers.runs().heard() && now - lastAnswerMillis > MISSED_BEATS * settings.heartbeatMillis()) {
            workers.runs().heard(false);
            LOG.warn("no web node has answered for {} ms: the {} sessions here go on, and what they finish waits for a web node",
                    now - lastAnswerMillis, workers.runs().runs().size());
        }
        if (asking) {
            return;
        }
        asking = true;
        DeliveryOptions timeout = new DeliveryOptions().setSendTimeout(Math.max(2000, 2 * settings.heartbeatMillis()));
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
}
