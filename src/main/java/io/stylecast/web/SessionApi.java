package io.stylecast.web;

import io.stylecast.engine.InitialImage;
import io.stylecast.engine.InputException;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import io.stylecast.session.Addresses;
import io.stylecast.session.ServerSettings;
import io.stylecast.session.SessionParams;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.SessionTicket;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The REST API of sessions: create, status, latest image, cancel. Never blocks the event loop. */
final class SessionApi {

    private final Vertx vertx;
    private final ServerSettings settings;
    private final List<String> layerNames;

    SessionApi(Vertx vertx, ServerSettings settings, List<String> layerNames) {
        this.vertx = vertx;
        this.settings = settings;
        this.layerNames = layerNames;
    }

    /**
     * {@code POST /api/sessions}: JSON {@code {"contentSample", "styleSample" | "styleSamples", "params",
     * "frameFormat"}} or multipart with {@code content} and {@code style} files (or the sample fields)
     * and a {@code params} field holding JSON.
     */
    void create(RoutingContext ctx) {
        String type = String.valueOf(ctx.request().getHeader("Content-Type"));
        Request request;
        try {
            if (type.startsWith("application/json")) {
                request = Request.fromJson(ctx.body().asJsonObject(), settings.model(), maxPixels());
            } else if (type.startsWith("multipart/form-data")) {
                request = Request.fromForm(ctx, settings.model(), maxPixels());
            } else {
                ApiErrors.send(ctx, 415, "send application/json or multipart/form-data, not " + type);
                return;
            }
            checkLimits(request.params());
        } catch (InputException | DecodeException | ClassCastException e) {
            ApiErrors.send(ctx, 400, e.getMessage());
            return;
        }
        String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        vertx.executeBlocking(() -> request.decode(client), false)
                .compose(spec -> vertx.eventBus().<SessionTicket>request(Addresses.CREATE, spec))
                .onSuccess(reply -> {
                    SessionTicket ticket = reply.body();
                    ctx.response().setStatusCode(201).putHeader("Location", "/api/sessions/" + ticket.id());
                    ctx.json(new JsonObject().put("id", ticket.id()).put("ownerToken", ticket.ownerToken())
                            .put("viewUrl", "/view/" + ticket.id()).put("ws", "/ws/sessions/" + ticket.id()));
                })
                .onFailure(e -> {
                    if (e instanceof ImageException) {
                        ApiErrors.send(ctx, 415, e.getMessage());
                    } else if (e instanceof InputException) {
                        ApiErrors.send(ctx, 400, e.getMessage());
                    } else {
                        ApiErrors.send(ctx, e);
                    }
                });
    }

    /** What this server allows beyond the engine's ranges: its iteration cap, and layers its network has. */
    private void checkLimits(StyleParams params) {
        int maxIterations = settings.section("limits").getInteger("maxIterations");
        if (params.iterations() > maxIterations) {
            throw new InputException("iterations must be at most " + maxIterations + " on this server, got " + params.iterations());
        }
        params.checkLayers(layerNames, "this server's network");
    }

    private long maxPixels() {
        return settings.section("uploads").getLong("maxPixels");
    }

    void status(RoutingContext ctx) {
        vertx.eventBus().<JsonObject>request(Addresses.STATUS, ctx.pathParam("id"))
                .onSuccess(reply -> ctx.json(reply.body()))
                .onFailure(e -> ApiErrors.send(ctx, e));
    }

    void image(RoutingContext ctx) {
        vertx.eventBus().<Buffer>request(Addresses.IMAGE, ctx.pathParam("id"))
                .onSuccess(reply -> ctx.response().putHeader("Content-Type", reply.headers().get("format"))
                        .putHeader("X-Iteration", reply.headers().get("iteration"))
                        .putHeader("Cache-Control", "no-store").end(reply.body()))
                .onFailure(e -> ApiErrors.send(ctx, e));
    }

    /** {@code DELETE /api/sessions/{id}} with {@code Authorization: Bearer <ownerToken>}. */
    void cancel(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            ApiErrors.send(ctx, 401, "cancelling needs Authorization: Bearer <ownerToken>");
            return;
        }
        JsonObject control = new JsonObject().put("id", ctx.pathParam("id")).put("type", "cancel")
                .put("token", authorization.substring("Bearer ".length()).trim());
        vertx.eventBus().<JsonObject>request(Addresses.CONTROL, control)
                .onSuccess(reply -> ctx.json(reply.body()))
                .onFailure(e -> ApiErrors.send(ctx, e));
    }

    /** {@code POST /api/sessions/{id}/resume} with the owner's token: continues a session saved by a shutdown. */
    void resume(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            ApiErrors.send(ctx, 401, "resuming needs Authorization: Bearer <ownerToken>");
            return;
        }
        String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        JsonObject request = new JsonObject().put("id", ctx.pathParam("id"))
                .put("token", authorization.substring("Bearer ".length()).trim()).put("client", client);
        vertx.eventBus().<JsonObject>request(Addresses.RESUME, request)
                .onSuccess(reply -> ctx.json(reply.body()))
                .onFailure(e -> ApiErrors.send(ctx, e));
    }

    /** An upload that is not a decodable image: 415. */
    static final class ImageException extends InputException {
        ImageException(String message) {
            super(message);
        }
    }

    /** What a create request asks for, before its pictures are decoded. */
    private record Request(StyleParams params, Object content, List<Object> styles, Object init, String frameFormat,
                           long maxPixels) {

        static Request fromJson(JsonObject body, String serverModel, long maxPixels) {
            if (body == null) {
                throw new InputException("the body must be a JSON object");
            }
            for (String field : body.fieldNames()) {
                if (!List.of("contentSample", "styleSample", "styleSamples", "initSample", "params", "frameFormat").contains(field)) {
                    throw new InputException("unknown field '" + field + "'");
                }
            }
            List<Object> styles = new ArrayList<>();
            if (body.getValue("styleSample") != null) {
                styles.add(body.getString("styleSample"));
            }
            JsonArray more = body.getJsonArray("styleSamples", new JsonArray());
            more.forEach(styles::add);
            return new Request(params(body.getJsonObject("params"), serverModel), body.getString("contentSample"),
                    styles, body.getString("initSample"), body.getString("frameFormat"), maxPixels);
        }

        static Request fromForm(RoutingContext ctx, String serverModel, long maxPixels) {
            var form = ctx.request().formAttributes();
            Object content = form.get("contentSample");
            List<Object> styles = new ArrayList<>(form.getAll("styleSample"));
            Object init = form.get("initSample");
            for (FileUpload upload : ctx.fileUploads()) {
                Path file = Path.of(upload.uploadedFileName());
                switch (upload.name()) {
                    case "content" -> content = file;
                    case "style" -> styles.add(file);
                    case "init" -> init = file;
                    default -> throw new InputException("unknown upload '" + upload.name() + "'; send content, style or init");
                }
            }
            String params = form.get("params");
            return new Request(params(params == null || params.isBlank() ? null : new JsonObject(params), serverModel),
                    content, styles, init, form.get("frameFormat"), maxPixels);
        }

        /** The parameters; {@code model}, if given, must name the network this server runs. */
        private static StyleParams params(JsonObject json, String serverModel) {
            if (json != null && json.getValue("model") != null && !serverModel.equals(json.getValue("model"))) {
                throw new InputException("this server runs the model '" + serverModel + "'; a session cannot choose '"
                        + json.getValue("model") + "'");
            }
            return SessionParams.parse(json);
        }

        /** Decodes the pictures; blocking. */
        SessionSpec decode(String client) {
            if (content == null) {
                throw new InputException("a content picture is needed: contentSample or a 'content' upload");
            }
            if (styles.isEmpty()) {
                throw new InputException("a style picture is needed: styleSample or a 'style' upload");
            }
            List<BufferedImage> stylePictures = new ArrayList<>();
            for (Object style : styles) {
                stylePictures.add(picture(style, "style"));
            }
            BufferedImage initPicture = init != null ? picture(init, "init") : null;
            if (params.init() == InitialImage.IMAGE && initPicture == null) {
                throw new InputException("init 'image' needs an initSample or an 'init' upload");
            }
            String format = frameFormat == null || frameFormat.equals("image/jpeg") ? null : frameFormat;
            if (format != null && !format.equals("image/png")) {
                throw new InputException("frameFormat must be image/jpeg or image/png");
            }
            return new SessionSpec(null, params, picture(content, "content"), stylePictures, initPicture, format, client);
        }

        private BufferedImage picture(Object source, String role) {
            if (source instanceof Path file) {
                try {
                    return ImageDecoder.decode(Files.readAllBytes(file), "the " + role + " upload", maxPixels);
                } catch (InputException e) {
                    throw new ImageException(e.getMessage());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return Samples.decode(String.valueOf(source));
        }
    }
}
