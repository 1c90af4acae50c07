package io.stylecast.web;

import java.util.Locale;

/**
 * The media type of a request body, read strictly: {@code type/subtype} must match exactly (no
 * {@code application/jsonfoo}), and a JSON body may only declare {@code charset=utf-8}, since it is
 * read as UTF-8 whatever it says.
 */
final class MediaTypes {

    /** A body in a form this server does not read: 415. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private MediaTypes() {
    }

    /**
     * @return the bare {@code type/subtype} in lower case, or "" when there is no header
     * @throws Unsupported for JSON declared in another charset than UTF-8
     */
    static String of(String header) {
        if (header == null) {
            return "";
        }
        String[] parts = header.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/json")) {
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].split("=", 2);
                if (parameter[0].trim().equalsIgnoreCase("charset") && (parameter.length < 2
                        || !parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                    throw new Unsupported("JSON bodies must be UTF-8 (charset=utf-8 or no charset)");
                }
            }
        }
        return type;
    }
}
