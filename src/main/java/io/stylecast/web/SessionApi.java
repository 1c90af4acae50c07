package io.stylecast.web;

import io.stylecast.engine.InputException;
import io.stylecast.engine.StyleParams;
import io.stylecast.session.Addresses;
import io.stylecast.session.SessionDirectory;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.ControlRequest;
import io.stylecast.session.protocol.ProtocolJson;
import io.stylecast.session.protocol.ResumeRequest;
import io.stylecast.session.protocol.SessionEvent;
import io.stylecast.session.protocol.SessionStatus;
import io.stylecast.session.protocol.SessionTicket;
import io.stylecast.session.protocol.Wall;
import io.stylecast.settings.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/** The REST API of sessions: create, status, latest image, cancel. Never blocks the event loop. */
final class SessionApi {

    /** What a session id can be (a folder's name under the output folder, never a path). */
    private static final String SESSION_ID = "[A-Za-z0-9_-]{1,64}";
    /** A snapshot's name in a session's folder: its iteration, four digits or more, and the frames' format. */
    private static final String SNAPSHOT = "\\d{4,9}\\.(jpg|png)";

    private final Vertx vertx;
    private final Settings settings;
    private final WorkerExecutor decoders;

    /** @param decoders the pool that decodes uploaded pictures: its size bounds the decoding work of all requests */
    SessionApi(Vertx vertx, Settings settings, WorkerExecutor decoders) {
        this.vertx = vertx;
        this.settings = settings;
        this.decoders = decoders;
    }

    /**
     * {@code POST /api/sessions}: JSON {@code {"contentSample", "styleSample" | "styleSamples", "params",
     * "frameFormat"}} (UTF-8) or multipart with {@code content} and {@code style} files (or the sample
     * fields) and a {@code params} field holding JSON. The pictures are decoded on the bounded
     * decoding pool, never on the event loop or the shared worker pool.
     */
    void create(RoutingContext ctx) {
        CreateRequest request;
        try {
            CreateRequest.Limits limits = new CreateRequest.Limits(settings.model(),
                    settings.limits().maxStyles());
            String type = MediaTypes.of(ctx.request().getHeader("Content-Type"));
            if (type.equals("application/json")) {
                request = CreateRequest.fromJson(ctx.body().asString("UTF-8"), limits);
            } else if (type.equals("multipart/form-data")) {
                request = CreateRequest.fromForm(ctx, limits);
            } else {
                ApiErrors.send(ctx, 415, "send application/json or multipart/form-data (JSON in UTF-8)");
                return;
            }
            checkLimits(request.params());
        } catch (MediaTypes.Unsupported e) {
            ApiErrors.send(ctx, 415, e.getMessage());
            return;
        } catch (InputException e) {
            ApiErrors.send(ctx, 400, e.getMessage());
            return;
        }
        String client = Clients.of(ctx);
        decoders.executeBlocking(() -> request.decode(client, maxPixels()), false)
                .compose(spec -> vertx.eventBus().<SessionTicket>request(Addresses.CREATE, spec))
                .onSuccess(reply -> {
                    SessionTicket ticket = reply.body();
                    ctx.response().setStatusCode(201).putHeader("Location", "/api/sessions/" + ticket.id());
                    ctx.json(new JsonObject().put("id", ticket.id()).put("ownerToken", ticket.ownerToken())
                            .put("viewUrl", "/view/" + ticket.id()).put("ws", "/ws/sessions/" + ticket.id()));
                })
                .onFailure(e -> {
                    if (e instanceof CreateRequest.ImageException) {
                        ApiErrors.send(ctx, 415, e.getMessage());
                    } else if (e instanceof InputException) {
                        ApiErrors.send(ctx, 400, e.getMessage());
                    } else {
                        ApiErrors.send(ctx, e);
                    }
                });
    }

    /** What this server allows beyond the engine's ranges: its iteration cap (the manager checks the layers). */
    private void checkLimits(StyleParams params) {
        int maxIterations = settings.limits().maxIterations();
        if (params.totalIterations() > maxIterations) {
            throw new InputException("iterations must be at most " + maxIterations + " on this server, got " + params.totalIterations());
        }
    }

    private long maxPixels() {
        return settings.uploads().maxPixels();
    }

    void status(RoutingContext ctx) {
        vertx.eventBus().<SessionStatus>request(Addresses.STATUS, ctx.pathParam("id"), TableCalls.QUICK)
                .onSuccess(reply -> ctx.json(ProtocolJson.toJson(reply.body())))
                .onFailure(e -> ApiErrors.send(ctx, e));
    }

    void image(RoutingContext ctx) {
        vertx.eventBus().<SessionEvent.Frame>request(Addresses.IMAGE, ctx.pathParam("id"), TableCalls.QUICK)
                .onSuccess(reply -> ctx.response().putHeader("Content-Type", reply.body().format()).putHeader("Content-Encoding", "identity")
                        .putHeader("X-Iteration", Integer.toString(reply.body().iteration()))
                        .putHeader("Cache-Control", "no-store").end(reply.body().image()))
                .onFailure(e -> ApiErrors.send(ctx, e));
    }

    /**
     * {@code GET /api/sessions/{id}/timelapse}: the run as an animated GIF, once the session is done (it is written
     * while the session runs and put in place at its end, on the node that ran it).
     */
    void timeLapse(RoutingContext ctx) {
        sendWhenDone(ctx, id -> SessionDirectory.timeLapse(settings, id), "image/gif", ".gif", id -> ApiErrors.send(ctx, 404,
                "no time-lapse for session " + id + " (yet): it is ready when the session is done"));
    }

    /**
     * {@code GET /api/sessions/{id}/final.png}: the last picture at full quality, as the worker made it (not a frame
     * re-encoded), once the session is done.
     */
    void finalPicture(RoutingContext ctx) {
        sendWhenDone(ctx, id -> SessionDirectory.finalPicture(settings, id), "image/png", ".png", id -> ApiErrors.send(ctx, 404,
                "no final picture for session " + id + " (yet): it is there when the session is done"));
    }

    /**
     * {@code GET /api/sessions/{id}/picture.png}: the picture at full quality, as PNG: {@code final.png} once the
     * session is done, before that the picture as it is now, from its worker ({@code X-Iteration} says which).
     */
    void picture(RoutingContext ctx) {
        sendWhenDone(ctx, id -> SessionDirectory.finalPicture(settings, id), "image/png", ".png", id -> vertx.eventBus()
                .<Buffer>request(Addresses.PICTURE, id).onSuccess(reply -> {
                    String iteration = reply.headers().get("iteration");
                    ctx.response().putHeader("Content-Type", "image/png").putHeader("Content-Encoding", "identity")
                            .putHeader("X-Iteration", iteration).putHeader("Cache-Control", "no-store")
                            .putHeader("Content-Disposition", "attachment; filename=\"stylecast-" + id + "-iteration-"
                                    + iteration + ".png\"")
                            .end(reply.body());
                }).onFailure(e -> ApiErrors.send(ctx, e)));
    }

    /** {@code GET /api/sessions/{id}/params.json}: the parameters the session ran with, written when it ends. */
    void params(RoutingContext ctx) {
        sendWhenDone(ctx, id -> SessionDirectory.params(settings, id), "application/json", "-params.json",
                id -> ApiErrors.send(ctx, 404, "no params.json for session " + id + " (yet): it is written when the session ends"));
    }

    /** {@code GET /api/sessions/{id}/snapshots}: the names of its snapshots so far (every {@code saveEvery} iterations), in order. */
    void snapshots(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches(SESSION_ID)) {
            ApiErrors.send(ctx, 404, "no session " + InputException.describe(id));
            return;
        }
        vertx.fileSystem().readDir(SessionDirectory.folder(settings, id).toString(), SNAPSHOT).onComplete(read -> {
            if (read.failed()) {
                ApiErrors.send(ctx, 404, "no session " + InputException.describe(id));
                return;
            }
            JsonArray names = new JsonArray();
            read.result().stream().map(f -> Path.of(f).getFileName().toString()).sorted().forEach(names::add);
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(names.encode());
        });
    }

    /** {@code GET /api/sessions/{id}/snapshots/{name}}: one snapshot, as {@link #snapshots} names it. */
    void snapshot(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (!name.matches(SNAPSHOT)) {
            ApiErrors.send(ctx, 404, "no snapshot " + InputException.describe(name) + "; GET .../snapshots lists them");
            return;
        }
        String type = name.endsWith(".png") ? "image/png" : "image/jpeg";
        sendWhenDone(ctx, id -> SessionDirectory.folder(settings, id).resolve(name), type, "-" + name,
                id -> ApiErrors.send(ctx, 404, "no snapshot " + name + " of session " + id));
    }

    /** Sends the session's file that is there once it is done, or does {@code otherwise} with the session id. */
    private void sendWhenDone(RoutingContext ctx, Function<String, Path> where, String type, String extension,
                              Consumer<String> otherwise) {
        String id = ctx.pathParam("id");
        if (!id.matches(SESSION_ID)) {
            ApiErrors.send(ctx, 404, "no session " + InputException.describe(id));
            return;
        }
        String file = where.apply(id).toString();
        vertx.fileSystem().exists(file).onComplete(exists -> {
            if (exists.succeeded() && exists.result()) {
                ctx.response().putHeader("Content-Type", type).putHeader("Content-Encoding", "identity")
                        .putHeader("Content-Disposition", "attachment; filename=\"stylecast-" + id + extension + "\"")
                        .sendFile(file);
            } else {
                otherwise.accept(id);
            }
        });
    }

    /** {@code GET /api/wall}: the running, paused and queued sessions their owners put on the class wall. */
    void wall(RoutingContext ctx) {
        vertx.eventBus().<Wall>request(Addresses.WALL, "", TableCalls.QUICK)
                .onSuccess(reply -> ctx.response().putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store").end(wallJson(reply.body()).encode()))
                .onFailure(e -> ApiErrors.send(ctx, e));
    }

    /** The wall as the API gives it: each session with its page's address. */
    private static JsonArray wallJson(Wall wall) {
        JsonArray json = new JsonArray();
        for (Wall.Entry s : wall.sessions()) {
            json.add(new JsonObject().put("id", s.sessionId()).put("state", s.state().id()).put("iteration", s.iteration())
                    .put("iterations", s.iterations()).put("viewUrl", "/view/" + s.sessionId()).put("caption", s.caption()));
        }
        return json;
    }

    /** {@code DELETE /api/sessions/{id}} with {@code Authorization: Bearer <ownerToken>}. */
    void cancel(RoutingContext ctx) {
        String token = bearerToken(ctx);
        if (token == null) {
            ApiErrors.send(ctx, 401, "cancelling needs Authorization: Bearer <ownerToken>");
            return;
        }
        ControlRequest control = new ControlRequest(token, new Control.Cancel(ctx.pathParam("id")));
        vertx.eventBus().<SessionStatus>request(Addresses.CONTROL, control)
                .onSuccess(reply -> ctx.json(ProtocolJson.toJson(reply.body())))
                .onFailure(e -> ApiErrors.send(ctx, e));
    }

    /** {@code POST /api/sessions/{id}/resume} with the owner's token: continues a session saved by a shutdown. */
    void resume(RoutingContext ctx) {
        String token = bearerToken(ctx);
        if (token == null) {
            ApiErrors.send(ctx, 401, "resuming needs Authorization: Bearer <ownerToken>");
            return;
        }
        String client = Clients.of(ctx);
        vertx.eventBus().<SessionStatus>request(Addresses.RESUME, new ResumeRequest(ctx.pathParam("id"), token, client))
                .onSuccess(reply -> ctx.json(ProtocolJson.toJson(reply.body())))
                .onFailure(e -> ApiErrors.send(ctx, e));
    }

    /**
     * The token of an {@code Authorization: Bearer <token>} header, or null without one. The scheme's name is
     * case-insensitive (RFC 9110, 11.1): {@code bearer} and {@code BEARER} are {@code Bearer}.
     */
    static String bearerToken(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") && !parts[1].isBlank() ? parts[1].trim() : null;
    }
}
