package io.stylecast.web;

import io.vertx.core.eventbus.DeliveryOptions;

/** How long the web waits for the sessions' table, which one web node of the cluster keeps. */
final class TableCalls {

    /**
     * For what the table answers from memory at once (status, latest frame, wall, health, seats, history): a request
     * that went to a table node which has just gone away fails after this, and the next try (a page reconnecting, a
     * client polling) reaches the node that took the table over, rather than waiting Vert.x's default 30 s.
     */
    static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(3000);

    private TableCalls() {
    }
}
