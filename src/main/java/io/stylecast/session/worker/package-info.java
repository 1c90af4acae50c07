/**
 * The worker side, on every node that computes: {@link io.stylecast.session.worker.WorkerSupervisor} deploys one
 * {@link io.stylecast.session.worker.WorkerVerticle} per worker, each stepping its
 * {@link io.stylecast.session.worker.SessionRun}s in turn, and {@link io.stylecast.session.worker.NodeAgent} announces
 * the node and its runs to the sessions' table. A run holds only what its computation needs; every state it reports
 * goes to the table, which decides. It talks to the manager side only through the protocol over the event bus;
 * nothing here imports the manager side.
 */
package io.stylecast.session.worker;
