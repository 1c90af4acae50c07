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

    /**
     * How a message may mention a value the user sent: numbers and booleans as they are, a short
     * plain string (a name or id) in quotes, anything else only by its kind and length. A message
     * never echoes a long or odd input back (a 15 MB string, markup, control characters).
     */
    public static String describe(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof CharSequence text) {
            return text.length() <= 40 && PLAIN.matcher(text).matches() ? "'" + text + "'"
                    : "a string of " + text.length() + " characters";
        }
        // by name: the engine does not depend on Vert.x, whose JsonObject is Iterable too
        if (value instanceof java.util.Map<?, ?> || value.getClass().getSimpleName().equals("JsonObject")) {
            return "an object";
        }
        return value instanceof Iterable<?> || value.getClass().isArray() ? "a list" : "a value of another kind";
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_.:,+/ -]*");
}
