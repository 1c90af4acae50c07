package io.stylecast.node;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Deployable;
import io.vertx.core.VerticleBase;
import io.vertx.core.shareddata.Lock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which web node keeps the sessions' table: the one that holds the cluster's lock {@value #LOCK} (Vert.x's clustered
 * lock, an Infinispan clustered lock, which the cluster releases when its holder leaves or is taken for dead). Every
 * web node serves HTTP and WebSocket viewers; one of them runs the {@code SessionManager}, whose addresses are the
 * cluster's, so that there is one queue and one placement whatever web node a request comes through. The others wait
 * for the lock and the first to get it takes the table over from the shared output folder, as a restarted web node
 * does: the worker nodes' runs are taken back where they are. On one machine the lock is a local one, held at once.
 */
final class ManagerLease extends VerticleBase {

    static final String LOCK = "stylecast.sessions.manager";
    private static final Logger LOG = LoggerFactory.getLogger(ManagerLease.class);
    /** How long one try for the lock waits before the next. */
    private static final long WAIT_MILLIS = 1000;

    private final Supplier<Deployable> manager;
    private final String node;
    private final Promise<Void> firstTry = Promise.promise();
    private Lock held;
    private boolean stopped;

    /**
     * @param manager makes the session manager this node runs once it holds the lock
     * @param node this node's id, for the log
     */
    ManagerLease(Supplier<Deployable> manager, String node) {
        this.manager = manager;
        this.node = node;
    }

    /** Completes once this node runs the session manager, or once it knows another web node does and it waits. */
    @Override
    public Future<?> start() {
        acquire();
        return firstTry.future();
    }

    private void acquire() {
        vertx.sharedData().getLockWithTimeout(LOCK, WAIT_MILLIS).onComplete(got -> {
            if (stopped) {
                if (got.succeeded()) {
                    got.result().release();
                }
                return;
            }
            if (got.failed()) {
                if (firstTry.tryComplete()) {
                    LOG.info("another web node keeps the sessions' table; this one serves the web and takes the table over if"
                            + " that node goes away");
                }
                vertx.setTimer(100, id -> acquire());
                return;
            }
            held = got.result();
            boolean first = !firstTry.future().isComplete();
            vertx.deployVerticle(manager.get()).onComplete(deployed -> {
                if (deployed.failed()) {
                    if (!stopped) {
                        LOG.error("the sessions' table could not start here", deployed.cause());
                    }
                    held.release();
                    held = null;
                    if (!firstTry.tryFail(deployed.cause()) && !stopped) {
                        vertx.setTimer(WAIT_MILLIS, id -> acquire());   // a takeover that failed: tried again
                    }
                    return;
                }
                if (first) {
                    LOG.info("node {} keeps the sessions' table", node);
                } else {
                    LOG.warn("node {} keeps the sessions' table now: the web node that kept it went away", node);
                }
                firstTry.tryComplete();
            });
        });
    }

    /** The session manager, deployed by this verticle, stops with it; the lock goes to the next web node. */
    @Override
    public Future<?> stop() {
        stopped = true;
        if (held != null) {
            held.release();
        }
        return Future.succeededFuture();
    }
}
