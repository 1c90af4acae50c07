package io.stylecast.web;

import io.stylecast.engine.InputException;
import io.stylecast.engine.image.ImageFiles;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in sample pictures (src/main/resources/samples, licences in SOURCES.md there): listed at
 * {@code GET /api/samples}, served at {@code GET /samples/{file}} whole, and at {@code GET /samples/small/{id}-{width}.jpg}
 * as small JPEGs made once ({@value #THUMB} px wide for the page's buttons, {@value #PREVIEW} px for its previews: a
 * few KB where the files are up to 800 KB), and decoded for sessions by id.
 */
final class Samples {

    static final int THUMB = 160;
    static final int PREVIEW = 320;
    private static final Map<String, byte[]> SMALL = new java.util.concurrent.ConcurrentHashMap<>();

    /** Sample id (its file name without extension) to file name, kind and the name a student reads. */
    private static final Map<String, String[]> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("astronaut", new String[] {"astronaut.png", "content", "Astronaut"});
        SAMPLES.put("chelsea", new String[] {"chelsea.png", "content", "Chelsea the cat"});
        SAMPLES.put("coffee", new String[] {"coffee.png", "content", "Coffee cup"});
        SAMPLES.put("rocket", new String[] {"rocket.jpg", "content", "Rocket"});
        SAMPLES.put("starry_night", new String[] {"starry_night.jpg", "style", "The Starry Night"});
        SAMPLES.put("hubble_deep_field", new String[] {"hubble_deep_field.jpg", "style", "Hubble Deep Field"});
        SAMPLES.put("ihc", new String[] {"ihc.png", "style", "Stained cells (microscope)"});
        SAMPLES.put("brick", new String[] {"brick.png", "style", "Brick wall"});
        SAMPLES.put("gravel", new String[] {"gravel.png", "style", "Gravel"});
    }

    void list(RoutingContext ctx) {
        JsonArray list = new JsonArray();
        SAMPLES.forEach((id, entry) -> list.add(new JsonObject().put("id", id).put("kind", entry[1]).put("name", entry[2])
                .put("url", "/samples/" + entry[0]).put("thumb", small(id, THUMB)).put("preview", small(id, PREVIEW))));
        ctx.json(list);
    }

    private static String small(String id, int width) {
        return "/samples/small/" + id + "-" + width + ".jpg";
    }

    /** A sample as a small JPEG, {@code {id}-{width}.jpg} with one of the two widths; any other name is a 404. */
    void smallFile(RoutingContext ctx) {
        String name = ctx.pathParam("file");
        String id = name.replaceFirst("-\\d+\\.jpg$", "");
        boolean known = SAMPLES.containsKey(id) && (name.equals(id + "-" + THUMB + ".jpg") || name.equals(id + "-" + PREVIEW + ".jpg"));
        if (!known) {
            ApiErrors.send(ctx, 404, "no sample file " + InputException.describe(name));
            return;
        }
        int width = name.endsWith("-" + THUMB + ".jpg") ? THUMB : PREVIEW;
        byte[] made = SMALL.get(name);
        // made once, off the event loop; served from memory after that
        (made != null ? Future.succeededFuture(made)
                : ctx.vertx().executeBlocking(() -> SMALL.computeIfAbsent(name, n -> scaled(decode(id), width))))
                .onSuccess(bytes -> ctx.response().putHeader("Content-Type", "image/jpeg")
                        .putHeader("Content-Encoding", "identity")
                        .putHeader("Cache-Control", "public, max-age=86400").end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    /**
     * {@code picture} {@code width} px wide (never wider than it is), as a JPEG: halved with bilinear filtering until
     * within twice the width, then scaled the rest of the way, so that each pixel is an average of those it covers
     * (a fine texture keeps its tone instead of aliasing) at a few milliseconds where area averaging took a third of a
     * second.
     */
    private static byte[] scaled(BufferedImage picture, int width) {
        BufferedImage current = picture;
        int target = Math.min(width, picture.getWidth());
        while (current.getWidth() > 2 * target) {
            current = resize(current, current.getWidth() / 2);
        }
        return ImageFiles.jpeg(resize(current, target), 0.82f);
    }

    private static BufferedImage resize(BufferedImage picture, int w) {
        int h = Math.max(1, Math.round((float) picture.getHeight() * w / picture.getWidth()));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Serves a sample file by name from the classpath; any other name is a 404, never a path. */
    void file(RoutingContext ctx) {
        String name = ctx.pathParam("file");
        String[] entry = SAMPLES.values().stream().filter(e -> e[0].equals(name)).findFirst().orElse(null);
        if (entry == null) {
            ApiErrors.send(ctx, 404, "no sample file " + name);
            return;
        }
        ctx.vertx().executeBlocking(() -> read(entry[0])).onSuccess(bytes -> ctx.response()
                .putHeader("Content-Type", name.endsWith(".png") ? "image/png" : "image/jpeg")
                .putHeader("Content-Encoding", "identity")
                .putHeader("Cache-Control", "public, max-age=86400")
                .end(Buffer.buffer(bytes))).onFailure(ctx::fail);
    }

    /** Decoded samples, shared read-only by every session that uses them. */
    private static final Map<String, BufferedImage> DECODED = new java.util.concurrent.ConcurrentHashMap<>();

    /** A sample by id, decoded on first use; blocking. */
    static BufferedImage decode(String id) {
        if (!SAMPLES.containsKey(id)) {
            throw new InputException("no sample " + InputException.describe(id) + "; samples: " + String.join(", ", SAMPLES.keySet()));
        }
        return DECODED.computeIfAbsent(id, Samples::decodeFile);
    }

    private static BufferedImage decodeFile(String id) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + SAMPLES.get(id)[0])) {
            return ImageFiles.decode(in, "sample " + id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + file)) {
            return in.readAllBytes();
        }
    }
}
