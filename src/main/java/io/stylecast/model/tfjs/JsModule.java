package io.stylecast.model.tfjs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value a bundled JavaScript module exports ({@code module.exports = ...}), for the
 * browserify bundles in which nsfwjs ships its TF.js models: weight shards export a base64 string,
 * the model file exports an object literal ({@code {modelTopology: {...}, weightsManifest: [...]}}).
 */
final class JsModule {

    private static final Pattern EXPORTED_STRING = Pattern.compile("\\.exports=\"([A-Za-z0-9+/=]*)\"");
    private static final String EXPORTS = ".exports=";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsModule() {
    }

    /** The exported string literal (a shard's base64 text). */
    static String exportedString(String module) {
        Matcher m = EXPORTED_STRING.matcher(module);
        if (!m.find()) {
            throw new IllegalArgumentException("no exported string literal");
        }
        return m.group(1);
    }

    /** The exported object literal, as JSON. */
    static JsonNode exportedObject(String module) {
        int start = module.indexOf(EXPORTS + "{");
        if (start < 0) {
            throw new IllegalArgumentException("no exported object literal");
        }
        start += EXPORTS.length();
        String literal = module.substring(start, matchingBrace(module, start) + 1);
        try {
            return JSON.readTree(toJson(literal));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the exported object is not plain data: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Rewrites a minified object literal of plain data as JSON: quotes bare keys, and writes
     * {@code !0}/{@code !1} as true/false and {@code .5} as {@code 0.5}. Strings are copied as they are.
     */
    static String toJson(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + literal.length() / 8);
        int i = 0;
        while (i < literal.length()) {
            char c = literal.charAt(i);
            if (c == '"') {
                int end = endOfString(literal, i);
                out.append(literal, i, end + 1);
                i = end + 1;
            } else if (c == '!' && i + 1 < literal.length() && (literal.charAt(i + 1) == '0' || literal.charAt(i + 1) == '1')) {
                out.append(literal.charAt(i + 1) == '0' ? "true" : "false");
                i += 2;
            } else if (c == '.' && (i == 0 || !Character.isDigit(literal.charAt(i - 1)))) {
                out.append("0.");
                i++;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int end = i;
                while (end < literal.length() && (Character.isLetterOrDigit(literal.charAt(end))
                        || literal.charAt(end) == '_' || literal.charAt(end) == '$')) {
                    end++;
                }
                boolean key = end < literal.length() && literal.charAt(end) == ':';
                out.append(key ? "\"" : "").append(literal, i, end).append(key ? "\"" : "");
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int endOfString(String s, int open) {
        for (int j = open + 1; j < s.length(); j++) {
            if (s.charAt(j) == '\\') {
                j++;
            } else if (s.charAt(j) == '"') {
                return j;
            }
        }
        throw new IllegalArgumentException("unterminated string");
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"') {
                j = endOfString(s, j);
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        throw new IllegalArgumentException("unbalanced braces");
    }
}
