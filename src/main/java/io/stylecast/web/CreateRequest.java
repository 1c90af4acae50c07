package io.stylecast.web;

import io.stylecast.engine.InitialImage;
import io.stylecast.engine.InputException;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.net.Pooling;
import io.stylecast.engine.image.ImageDecoder;
import io.stylecast.session.Presets;
import io.stylecast.session.SessionParams;
import io.stylecast.session.SessionSpec;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a {@code POST /api/sessions} asks for, checked at the door before any picture is decoded:
 * field types, the number of style pictures ({@code limits.maxStyles}), {@code styleBlend} against
 * that number, and the parameters. {@link #decode} then decodes the pictures, each subsampled
 * straight to the size the session will use.
 *
 * @param content a sample id or an uploaded file
 * @param styles sample ids or uploaded files
 */
record CreateRequest(StyleParams params, Object content, List<Object> styles, Object init, String frameFormat,
                     boolean listed, String caption) {

    private static final Set<String> FIELDS = Set.of("contentSample", "styleSample", "styleSamples", "initSample", "listed",
            "caption", "params", "frameFormat");
    /** The longest caption the wall shows, in characters. */
    static final int MAX_CAPTION = 80;

    /** An upload that is not a decodable image: 415. */
    static final class ImageException extends InputException {
        ImageException(String message) {
            super(message);
        }
    }

    /** What a request is checked against: the server's network and {@code limits.maxStyles}. */
    record Limits(String model, int maxStyles) {
    }

    static CreateRequest fromJson(String body, Limits limits) {
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new InputException("the body is not a JSON object");
        }
        for (String field : json.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw new InputException("unknown field " + InputException.describe(field) + "; known: "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        List<Object> styles = new ArrayList<>();
        if (json.getValue("styleSample") != null) {
            styles.add(text(json, "styleSample"));
        }
        Object more = json.getValue("styleSamples");
        if (more != null && !(more instanceof JsonArray)) {
            throw new InputException("styleSamples must be a list of sample ids");
        }
        if (more != null) {
            checkStyleCount(styles.size() + ((JsonArray) more).size(), limits);
            for (Object id : (JsonArray) more) {
                if (!(id instanceof String)) {
                    throw new InputException("styleSamples must be a list of sample ids, got " + InputException.describe(id));
                }
                styles.add(id);
            }
        }
        Object params = json.getValue("params");
        if (params != null && !(params instanceof JsonObject)) {
            throw new InputException("params must be a JSON object, got " + InputException.describe(params));
        }
        Object listed = json.getValue("listed");
        if (listed != null && !(listed instanceof Boolean)) {
            throw new InputException("listed must be true or false, got " + InputException.describe(listed));
        }
        Object caption = json.getValue("caption");
        if (caption != null && !(caption instanceof String)) {
            throw new InputException("caption must be text, got " + InputException.describe(caption));
        }
        return of(params((JsonObject) params, limits), text(json, "contentSample"), styles, text(json, "initSample"),
                text(json, "frameFormat"), Boolean.TRUE.equals(listed), caption((String) caption), limits);
    }

    static CreateRequest fromForm(RoutingContext ctx, Limits limits) {
        var form = ctx.request().formAttributes();
        Object content = form.get("contentSample");
        List<Object> styles = new ArrayList<>(form.getAll("styleSample"));
        Object init = form.get("initSample");
        checkStyleCount(styles.size() + (int) ctx.fileUploads().stream().filter(u -> u.name().equals("style")).count(), limits);
        for (FileUpload upload : ctx.fileUploads()) {
            Path file = Path.of(upload.uploadedFileName());
            switch (upload.name()) {
                case "content" -> content = file;
                case "style" -> styles.add(file);
                case "init" -> init = file;
                default -> throw new InputException("unknown upload " + InputException.describe(upload.name())
                        + "; send content, style or init");
            }
        }
        String params = form.get("params");
        JsonObject json;
        try {
            json = params == null || params.isBlank() ? null : new JsonObject(params);
        } catch (DecodeException | ClassCastException e) {
            throw new InputException("the params field must hold a JSON object");
        }
        String listed = form.get("listed");
        if (listed != null && !listed.equals("true") && !listed.equals("false")) {
            throw new InputException("listed must be true or false, got " + InputException.describe(listed));
        }
        return of(params(json, limits), content, styles, init, form.get("frameFormat"), "true".equals(listed),
                caption(form.get("caption")), limits);
    }

    /**
     * A caption for the wall: trimmed, its runs of spaces made one; null when empty.
     *
     * @throws InputException for control characters or more than {@value #MAX_CAPTION} characters
     */
    static String caption(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String caption = text.strip().replaceAll("\\s+", " ");
        if (caption.codePoints().anyMatch(Character::isISOControl) || caption.codePointCount(0, caption.length()) > MAX_CAPTION) {
            throw new InputException("caption must be a line of text of at most " + MAX_CAPTION + " characters");
        }
        return caption;
    }

    private static CreateRequest of(StyleParams params, Object content, List<Object> styles, Object init,
                                    String frameFormat, boolean listed, String caption, Limits limits) {
        if (content == null) {
            throw new InputException("a content picture is needed: contentSample or a 'content' upload");
        }
        if (styles.isEmpty()) {
            throw new InputException("a style picture is needed: styleSample or a 'style' upload");
        }
        checkStyleCount(styles.size(), limits);
        if (params.styleBlend() != null && params.styleBlend().size() != styles.size()) {
            throw new InputException("styleBlend has " + params.styleBlend().size() + " weights for "
                    + styles.size() + " style pictures; give one weight per style picture");
        }
        if (params.init() == InitialImage.IMAGE && init == null) {
            throw new InputException("init 'image' needs an initSample or an 'init' upload");
        }
        if (frameFormat != null && !frameFormat.equals("image/jpeg") && !frameFormat.equals("image/png")) {
            throw new InputException("frameFormat must be image/jpeg or image/png");
        }
        return new CreateRequest(params, content, List.copyOf(styles), init, frameFormat, listed, caption);
    }

    private static void checkStyleCount(int count, Limits limits) {
        if (count > limits.maxStyles()) {
            throw new InputException("at most " + limits.maxStyles() + " style pictures per session on this server, got "
                    + count);
        }
    }

    private static String text(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InputException(field + " must be a string, got " + InputException.describe(value));
    }

    /** The parameters; {@code model}, if given, must name the network this server runs. */
    private static StyleParams params(JsonObject given, Limits limits) {
        JsonObject json = given == null ? null : Presets.apply(given);
        if (json != null && json.getValue("model") != null && !limits.model().equals(json.getValue("model"))) {
            String ours = limits.model().contains("/") || limits.model().contains("\\") ? "one network for every session"
                    : "the model '" + limits.model() + "'";
            throw new InputException("this server runs " + ours + "; a session cannot choose "
                    + InputException.describe(json.getValue("model")));
        }
        StyleParams params = SessionParams.parse(json);
        if (params.pooling() != Pooling.AVG) {
            // the workers' network is loaded once, with average pooling, for every session
            throw new InputException("pooling must be avg on this server, whose network is loaded with average pooling;"
                    + " got " + params.pooling().id());
        }
        return params;
    }

    /**
     * Decodes the pictures, the content first (its size fixes the output's), each subsampled to
     * the output size; blocking.
     */
    SessionSpec decode(String client, long maxPixels) {
        BufferedImage contentPicture = picture(content, "content", maxPixels, stored -> params.size(stored[0], stored[1]));
        int[] output = params.size(contentPicture.getWidth(), contentPicture.getHeight());
        UnaryOperator<int[]> atOutputSize = stored -> output;
        UnaryOperator<int[]> atStyleSize = stored -> params.styleSize(stored[0], stored[1], output);
        List<BufferedImage> stylePictures = new ArrayList<>();
        for (Object style : styles) {
            stylePictures.add(picture(style, "style", maxPixels, atStyleSize));
        }
        BufferedImage initPicture = init != null ? picture(init, "init", maxPixels, atOutputSize) : null;
        String format = frameFormat == null || frameFormat.equals("image/jpeg") ? null : frameFormat;
        return new SessionSpec(params, contentPicture, stylePictures, initPicture, format, client).onTheWall(listed, caption);
    }

    private static BufferedImage picture(Object source, String role, long maxPixels, UnaryOperator<int[]> needed) {
        if (source instanceof Path file) {
            try {
                return ImageDecoder.decode(Files.readAllBytes(file), "the " + role + " upload", maxPixels, needed);
            } catch (InputException e) {
                throw new ImageException(e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Samples.decode(String.valueOf(source));
    }
}
