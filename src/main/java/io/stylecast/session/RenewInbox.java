package io.stylecast.session;

/**
 * Within a worker node, from its agent to a worker: register your inbox's address with the cluster anew (the web
 * node does not reach it; after a merge of the cluster the registration can be missing).
 */
public record RenewInbox() {
}
