package io.stylecast.session.protocol;

/** The cluster's membership says a node has left (sent on this node only). */
public record NodeLeft(String nodeId) {
}
