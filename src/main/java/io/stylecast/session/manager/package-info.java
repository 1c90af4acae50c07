/**
 * The sessions' table, on the one web node that keeps it: {@link io.stylecast.session.manager.SessionManager} (the
 * verticle) admits new sessions and wires the {@link io.stylecast.session.manager.SessionTable} (every
 * {@link io.stylecast.session.manager.Session}, the queue, placement, following each run's events) to the helpers that
 * hold it: owners' requests, queries, the worker nodes' watch and the sessions' files. It talks to the worker side
 * only through the protocol ({@code io.stylecast.session.protocol} and the shared records of {@code io.stylecast.session})
 * over the event bus; nothing here imports the worker side.
 */
package io.stylecast.session.manager;
