package io.stylecast.model;

/** A network that cannot be loaded: a missing, truncated or unexpected file. The message names the file. */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
