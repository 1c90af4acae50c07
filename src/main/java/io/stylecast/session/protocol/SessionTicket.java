package io.stylecast.session.protocol;

/** The reply to a create request: the new session's id and the secret that lets its owner steer it. */
public record SessionTicket(String id, String ownerToken) {
}
