package io.stylecast.node;

import io.stylecast.session.Addresses;
import io.stylecast.session.Membership;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.shareddata.Lock;
import java.nio.file.Path;
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
 * <p>
 * A web node that was only slow (paused past failure detection while another took the lock) comes back still running
 * its table. When the cluster merges again, every node that keeps a table asks the cluster, {@value #SETTLE_MILLIS} ms
 * later, whether the lock is its own: if not, it gives the table up and waits for the lock again; if so, it reads the
 * table anew from the shared folder as a takeover does, if another web node's table started meanwhile (each table's
 * start is noted in the shared folder; a worker node that comes back costs nothing). A node that keeps a table also
 * asks every {@value #CHECK_MILLIS} ms, in case a merge went unnoticed.
 */
final class ManagerLease extends VerticleBase {

    private static final String LOCK = Addresses.TABLE_LOCK;
    private static final Logger LOG = LoggerFactory.getLogger(ManagerLease.class);
    /** How long one try for the lock waits before the next. */
    private static final long WAIT_MILLIS = 1000;
    /** How often the node that keeps the table makes sure the lock is still its own. */
    static final long CHECK_MILLIS = 1000;
    /** How long a table stays stopped after a merge of the cluster before the lock's holder is asked for. */
    static final long SETTLE_MILLIS = 3000;

    private final Supplier<Deployable> manager;
    private final Membership membership;
    /** A file in the shared folder naming the web node whose table started last, and when. */
    private final Path mark;
    private String markText = "";
    private final String node;
    private final Promise<Void> firstTry = Promise.promise();
    private Lock held;
    private String deployment;
    private long checks = -1;
    /** Whether the table is being given up or read anew: the next merge's question waits for it. */
    private boolean changing;
    private boolean stopped;

    /**
     * @param manager makes the session manager this node runs once it holds the lock
     * @param membership this node's membership, which says whether the lock is still its own
     * @param mark where, in the folder the web nodes share, the web node whose table started last is noted; null on one
     *     machine, which never merges
     */
    ManagerLease(Supplier<Deployable> manager, Membership membership, Path mark) {
        this.manager = manager;
        this.membership = membership;
        this.mark = mark;
        this.node = membership.self();
    }

    /** Completes once this node runs the session manager, or once it knows another web node does and it waits. */
    @Override
    public Future<?> start() {
        var context = vertx.getOrCreateContext();
        membership.onMerge(() -> context.runOnContext(v -> afterMerge()));
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
            writeMark().transform(v -> vertx.deployVerticle(manager.get())).onComplete(deployed -> {
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
                deployment = deployed.result();
                if (first) {
                    LOG.info("node {} keeps the sessions' table", node);
                } else {
                    LOG.warn("node {} keeps the sessions' table now: the web node that kept it went away", node);
                }
                checks = vertx.setPeriodic(CHECK_MILLIS, id -> checkStillHeld());
                firstTry.tryComplete();
            });
        });
    }

    /** Gives the table up if the cluster says another node holds the lock now (a failed question changes nothing). */
    private void checkStillHeld() {
        if (deployment == null || changing) {
            return;
        }
        membership.holdsLock(LOCK).onSuccess(mine -> {
            if (!mine && deployment != null && !changing && !stopped) {
                giveUp();
            }
        });
    }

    /**
     * The cluster merged again, and another web node may have kept a table meanwhile: once the cluster has settled
     * ({@value #SETTLE_MILLIS} ms), this node's table, if it keeps one, is given up if the cluster says the lock is
     * another node's, and otherwise read anew from the shared folder (it may not know the sessions the other table made).
     */
    private void afterMerge() {
        if (deployment == null || changing || stopped) {
            return;
        }
        changing = true;
        vertx.setTimer(SETTLE_MILLIS, id -> decideAfterMerge());
    }

    private void decideAfterMerge() {
        if (stopped || deployment == null) {
            changing = false;
            return;
        }
        membership.holdsLock(LOCK).onComplete(asked -> {
            if (stopped) {
                return;
            }
            if (asked.failed()) {
                vertx.setTimer(CHECK_MILLIS, id -> decideAfterMerge());
                return;
            }
            if (!asked.result()) {
                changing = false;
                giveUp();
                return;
            }
            Future<Boolean> noOtherTable = mark == null ? Future.succeededFuture(true) : vertx.fileSystem().readFile(mark.toString())
                    .transform(read -> Future.succeededFuture(read.succeeded() && read.result().toString().equals(markText)));
            noOtherTable.onComplete(unchanged -> {
                if (unchanged.result() || stopped || deployment == null) {
                    changing = false;   // no other table ran since this one started (a worker node came back)
                } else {
                    readAnew();
                }
            });
        });
    }

    /** Another web node's table ran since this one started: this one starts again, reading the table anew. */
    private void readAnew() {
        LOG.warn("node {} reads the sessions' table anew: the cluster merged again, the lock is still its own, and another"
                + " web node kept a table meanwhile", node);
        vertx.undeploy(deployment).compose(v -> writeMark()).transform(v -> vertx.deployVerticle(manager.get())).onComplete(again -> {
            changing = false;
            deployment = again.succeeded() ? again.result() : null;
            if (again.failed() && !stopped) {
                LOG.error("the sessions' table could not start again here; giving it up", again.cause());
                vertx.cancelTimer(checks);
                held.release();
                held = null;
                vertx.setTimer(WAIT_MILLIS, v -> acquire());
            }
        });
    }

    /** Notes in the shared folder that this node's table starts now: which table ran last, for after a merge. */
    private Future<Void> writeMark() {
        markText = node + " " + System.currentTimeMillis();
        if (mark == null) {
            return Future.succeededFuture();
        }
        return vertx.fileSystem().mkdirs(mark.getParent().toString())
                .compose(v -> vertx.fileSystem().writeFile(mark.toString(), io.vertx.core.buffer.Buffer.buffer(markText)))
                .otherwise(e -> {
                    LOG.warn("cannot note the table's start in {}: {}", mark, e.toString());
                    return null;
                });
    }

    /** This node no longer holds the lock: its table (if still running) stops, and it waits for the lock again. */
    private void giveUp() {
        LOG.warn("node {} gives the sessions' table up: the cluster's lock is another web node's now (this node was"
                + " taken for gone while it was away); it waits to take the table over again", node);
        vertx.cancelTimer(checks);
        held = null;   // not released: it is no longer this node's to release
        changing = true;
        String stale = deployment;
        deployment = null;
        Future<Void> undeployed = stale == null ? Future.succeededFuture() : vertx.undeploy(stale);
        undeployed.onComplete(done -> {
            changing = false;
            if (!stopped) {
                acquire();
            }
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
