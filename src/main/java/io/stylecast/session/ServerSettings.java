package io.stylecast.session;

import io.stylecast.model.Models;
import io.stylecast.model.SessionMemory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's settings, read from its JSON configuration as {@code ServerConfig} loads it: with
 * every key present, since {@code conf/stylecast.json} is merged under whatever was given. No
 * default is written here.
 */
public record ServerSettings(JsonObject config) {

    /** The models directory: {@code models.dir}, a relative one under the install directory; else the launcher's. */
    public Models models() {
        String dir = section("models").getString("dir");
        if (dir == null || dir.isBlank()) {
            return Models.fromEnvironment();
        }
        return new Models(Path.of(System.getProperty("stylecast.home", ".")).resolve(dir));
    }

    /**
     * Refuses settings that would otherwise be read as something else, naming the setting and what it takes.
     *
     * @throws IllegalArgumentException for the first such setting
     */
    public ServerSettings check() {
        String format = section("frames").getString("format");
        if (!"jpeg".equals(format) && !"png".equals(format)) {
            throw new IllegalArgumentException("frames.format must be jpeg or png, got '" + format + "'");
        }
        double quality = section("frames").getDouble("quality");
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("frames.quality must be more than 0 and at most 1, got " + quality);
        }
        if (workers() < 1) {
            throw new IllegalArgumentException("workers.count must be at least 1, got " + workers());
        }
        devices();
        if (section("memory").containsKey("bytesPerPixel")) {
            throw new IllegalArgumentException("memory.bytesPerPixel is no longer read: a session is estimated by its network's"
                    + " measured memory; remove it, or set memory.sessionFixedMb and memory.sessionBytesPerPixel"
                    + " (measured with stylecast bench-memory) for a network of your own");
        }
        for (String key : List.of("sessionFixedMb", "sessionBytesPerPixel", "deviceReserveMb")) {
            if (section("memory").getLong(key, 0L) < 0) {
                throw new IllegalArgumentException("memory." + key + " cannot be negative, got " + section("memory").getLong(key));
            }
        }
        return this;
    }

    /** The network every worker loads. */
    public String model() {
        return config.getString("model");
    }

    public int workers() {
        return section("workers").getInteger("count");
    }

    public long memoryBudgetBytes() {
        return section("memory").getLong("budgetMb") * 1024 * 1024;
    }

    /**
     * What a session is estimated to take: the line {@code memory.sessionFixedMb} + {@code memory.sessionBytesPerPixel}
     * x pixels where either is set above 0 (for a network of one's own, measured with {@code bench-memory}), else the
     * network's measured figures.
     */
    public SessionMemory sessionMemory() {
        long fixedMb = section("memory").getLong("sessionFixedMb", 0L);
        long perPixel = section("memory").getLong("sessionBytesPerPixel", 0L);
        return fixedMb > 0 || perPixel > 0 ? SessionMemory.line(fixedMb * 1024 * 1024, perPixel) : SessionMemory.of(model());
    }

    /** On a GPU, the device memory each device keeps free of sessions ({@code memory.deviceReserveMb}). */
    public long deviceReserveBytes() {
        return section("memory").getLong("deviceReserveMb") * 1024 * 1024;
    }

    /**
     * The GPUs to run one worker on each ({@code workers.devices}): a list of device numbers, or {@code "all"}
     * (given as null here); empty when not set, which on the CUDA build means every GPU too.
     *
     * @throws IllegalArgumentException if it is neither
     */
    public List<Integer> devices() {
        Object value = section("workers").getValue("devices");
        if (value == null || value instanceof String s && s.isBlank()) {
            return List.of();
        }
        if ("all".equals(value) || value instanceof JsonArray a && a.size() == 1 && "all".equals(a.getValue(0))) {
            return null;
        }
        String wanted = "workers.devices must be \"all\" or a list of GPU numbers such as [0, 1], got " + value;
        if (!(value instanceof JsonArray list)) {
            throw new IllegalArgumentException(wanted);
        }
        List<Integer> devices = new ArrayList<>();
        for (Object item : list) {
            try {
                int device = item instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue()
                        : Integer.parseInt(String.valueOf(item).trim());
                if (device < 0 || devices.contains(device)) {
                    throw new NumberFormatException();
                }
                devices.add(device);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(wanted);
            }
        }
        return devices;
    }

    public int queueMax() {
        return section("queue").getInteger("max");
    }

    /** {@code image/jpeg} or {@code image/png}. */
    public String frameFormat() {
        return section("frames").getString("format").equals("png") ? FrameEncoder.PNG : FrameEncoder.JPEG;
    }

    public float jpegQuality() {
        return section("frames").getFloat("quality");
    }

    public Path outputDirectory() {
        return Path.of(section("output").getString("dir"));
    }

    /** Where the session {@code id} (a session id, checked by the caller) has its time-lapse once it is done. */
    public Path timeLapse(String id) {
        return outputDirectory().resolve(id).resolve(SessionRun.TIMELAPSE);
    }

    /** Where the session {@code id} (a session id, checked by the caller) has its last picture, as PNG, once it is done. */
    public Path finalPicture(String id) {
        return outputDirectory().resolve(id).resolve("final.png");
    }

    /** How long a finished session's status and last frame stay available. */
    public long retainFinishedMillis() {
        return section("sessions").getLong("retainMinutes") * 60_000;
    }

    /** Cancel a session nobody has watched for this long; 0: never (a closed browser does not stop a session). */
    public long cancelUnwatchedMillis() {
        return section("sessions").getLong("cancelWithoutViewersSeconds") * 1000;
    }

    /** Whether this node joins a cluster of nodes ({@code cluster.enabled}). */
    public boolean clustered() {
        return section("cluster").getBoolean("enabled");
    }

    /** What this node does: {@code web} (the HTTP face and the sessions' table), {@code worker}, or {@code all}. */
    public Role role() {
        return clustered() ? Role.of(section("cluster").getString("role")) : Role.ALL;
    }

    /** This node's id: its cluster address {@code host:port}, or {@code local} without a cluster. */
    public String nodeId() {
        JsonObject cluster = section("cluster");
        return clustered() ? cluster.getString("host") + ":" + cluster.getInteger("port") : "local";
    }

    /** How often a worker node announces itself. */
    public long heartbeatMillis() {
        return section("cluster").getLong("heartbeatMillis");
    }

    /** A worker node not heard from for this long is taken for lost, and its sessions move. */
    public long nodeTimeoutMillis() {
        return section("cluster").getLong("nodeTimeoutSeconds") * 1000;
    }

    public JsonObject section(String name) {
        return config.getJsonObject(name);
    }
}
