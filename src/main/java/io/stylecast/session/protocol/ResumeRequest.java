package io.stylecast.session.protocol;

/** An owner's request to continue a session saved by a shutdown, answered with its {@link SessionStatus}. */
public record ResumeRequest(String sessionId, String ownerToken, String client) {
}
