package io.stylecast.session.protocol;

/** A control as it reaches the manager: with the token that shows it comes from the owner. */
public record ControlRequest(String ownerToken, Control control) {
}
