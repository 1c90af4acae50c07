package io.stylecast.session;

import java.util.regex.Pattern;

/**
 * What an owner is told of an exception in the engine: its message, never a path on the server (a file's name at
 * most) nor a Java class name.
 */
public final class EngineFailure {

    /** An absolute path: a slash, then anything up to white space, a quote, a colon or a bracket. */
    private static final Pattern PATH = Pattern.compile("(?<![\\w.])/[^\\s'\"`:()\\[\\]]*");

    private EngineFailure() {
    }

    /** @param failure an exception or error the engine threw while it ran a session */
    public static String describe(Throwable failure) {
        String prefix = failure instanceof OutOfMemoryError ? "the engine ran out of memory" : "the engine failed";
        String message = failure.getMessage();
        return message == null || message.isBlank() ? prefix : prefix + ": " + withoutPaths(message);
    }

    /** The text with each absolute path replaced by its last part. */
    static String withoutPaths(String text) {
        return PATH.matcher(text).replaceAll(match -> {
            String path = match.group();
            String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
            return java.util.regex.Matcher.quoteReplacement(name.isEmpty() ? "(a path)" : name);
        });
    }
}
