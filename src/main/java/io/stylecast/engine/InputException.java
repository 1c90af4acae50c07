package io.stylecast.engine;

/**
 * Bad input from a user: an unreadable image, an out-of-range parameter, an unknown layer. Its
 * message is meant to be shown as it is (CLI: on stderr; server: as a 4xx error).
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
