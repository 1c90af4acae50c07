package io.stylecast.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.stylecast.model.Models;
import io.stylecast.model.SessionMemory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hibernate.validator.constraints.Range;

/**
 * The server's settings: {@code conf/stylecast.json} (the one place each default is written), a {@code --config}
 * file and the {@code STYLECAST_*} environment, bound by {@link SettingsFile} to this record tree, one record per
 * section. Unknown keys, wrong types and values out of range stop the start naming the key.
 */
public record Settings(
        @NotNull @Valid Http http,
        @NotNull String model,
        @NotNull @Valid ModelFiles models,
        @NotNull @Valid Workers workers,
        @NotNull @Valid Memory memory,
        @NotNull @Valid Queue queue,
        @NotNull @Valid Frames frames,
        @NotNull @Valid Uploads uploads,
        @NotNull @Valid Limits limits,
        @NotNull @Valid Output output,
        @NotNull @Valid Sessions sessions,
        @NotNull @Valid Web web,
        @NotNull @Valid Checkpoint checkpoint,
        @NotNull @Valid Cluster cluster) {

    public record Http(@NotNull String host, @Range(max = 65535) int port, @NotNull List<String> allowedOrigins,
                       @Min(0) int idleTimeoutSeconds, @Min(0) int headerTimeoutSeconds, @Min(0) int bodyTimeoutSeconds,
                       @NotNull List<String> trustedProxies) {
    }

    /** {@code models.dir}: where network files are; empty for the launcher's {@code models/}. */
    public record ModelFiles(String dir) {

        /** The models directory, a relative one under the install directory. */
        public Models catalog() {
            if (dir == null || dir.isBlank()) {
                return Models.fromEnvironment();
            }
            return new Models(Path.of(System.getProperty("stylecast.home", ".")).resolve(dir));
        }
    }

    /**
     * @param count worker verticles on this node (one per GPU with CUDA)
     * @param devices the GPUs to run one worker on each: {@code "all"} or a list of device numbers; empty for every
     *     GPU on the CUDA build
     */
    public record Workers(@Min(1) int count, @NotNull Devices devices) {
    }

    /** {@code workers.devices}: {@code "all"} (null {@link #numbers}), a list of GPU numbers, or none (empty). */
    public record Devices(List<Integer> numbers) {

        private static final String WANTED = "workers.devices must be \"all\" or a list of GPU numbers such as [0, 1], got ";

        /** Reads {@code "all"}, {@code ["all"]}, {@code ""}, or a list of distinct device numbers (as numbers or text). */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Devices of(Object value) {
            if (value == null || value instanceof String s && s.isBlank()) {
                return new Devices(List.of());
            }
            if ("all".equals(value) || value instanceof List<?> l && l.size() == 1 && "all".equals(l.get(0))) {
                return new Devices(null);
            }
            if (!(value instanceof List<?> list)) {
                throw new IllegalArgumentException(WANTED + value);
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
                    throw new IllegalArgumentException(WANTED + value);
                }
            }
            return new Devices(List.copyOf(devices));
        }

        @JsonValue
        Object json() {
            return numbers == null ? "all" : numbers;
        }
    }

    /**
     * @param sessionFixedMb with {@code sessionBytesPerPixel}, the estimate of a session for a network of one's own
     *     (measured with {@code bin/bench memory}); both 0: the network's measured figures
     */
    public record Memory(@Min(value = 0, message = NOT_NEGATIVE) long budgetMb, @Min(value = 0, message = NOT_NEGATIVE) long sessionFixedMb,
                         @Min(value = 0, message = NOT_NEGATIVE) long sessionBytesPerPixel,
                         @Min(value = 0, message = NOT_NEGATIVE) long deviceReserveMb) {

        static final String NOT_NEGATIVE = "cannot be negative";

        public long budgetBytes() {
            return budgetMb * 1024 * 1024;
        }

        /** On a GPU, the device memory each device keeps free of sessions. */
        public long deviceReserveBytes() {
            return deviceReserveMb * 1024 * 1024;
        }
    }

    public record Queue(@Min(0) int max) {
    }

    /** Live frames' encoding. */
    public record Frames(@NotNull FrameFormat format,
                         @DecimalMin(value = "0", inclusive = false, message = "must be more than 0 and at most 1")
                         @DecimalMax(value = "1", message = "must be more than 0 and at most 1") double quality) {

        /** {@code image/jpeg} or {@code image/png}. */
        public String mediaType() {
            return format.mediaType;
        }
    }

    /** {@code frames.format}. */
    public enum FrameFormat {
        JPEG("image/jpeg"), PNG("image/png");

        private final String mediaType;

        FrameFormat(String mediaType) {
            this.mediaType = mediaType;
        }

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Uploads(@Min(1) long maxBytes, @Min(1) long maxPixels, @Min(1) int decodeThreads) {
    }

    /** Per client, per address and per session caps; 0 where it says so means none. */
    public record Limits(@Min(0) int maxIterations, @Min(0) int maxSessionsPerClient, @Min(0) int maxSessionsPerAddress,
                         @Min(0) int requestsPerMinutePerClient, @Min(0) int requestsPerMinutePerAddress,
                         @Min(1) int webSocketMessagesPerSecond, @Min(1) int maxWebSocketMessageBytes,
                         @Min(1) int maxStyles, @Min(0) int maxViewersPerSession, @Min(0) int maxConnectionsPerClient,
                         @Min(0) int maxConnections) {
    }

    public record Output(@NotNull String dir) {

        public Path directory() {
            return Path.of(dir);
        }
    }

    /**
     * @param retainMinutes how long a finished session's status and last frame stay available
     * @param cancelWithoutViewersSeconds cancel a session nobody has watched for this long; 0: never
     * @param resumableDays how long a saved session can be resumed
     */
    public record Sessions(@Min(0) long retainMinutes, @Min(0) long cancelWithoutViewersSeconds, @Min(0) long resumableDays) {

        public long retainFinishedMillis() {
            return retainMinutes * 60_000;
        }

        public long cancelUnwatchedMillis() {
            return cancelWithoutViewersSeconds * 1000;
        }
    }

    public record Web(@NotNull String root) {
    }

    public record Checkpoint(@Min(1) int everyIterations) {
    }

    /**
     * @param heartbeatMillis how often a worker node announces itself
     * @param nodeTimeoutSeconds how long a starting web node says {@code STARTING} while its worker nodes join (a node
     *     is lost when the cluster's membership says so, not after a time of ours)
     */
    public record Cluster(boolean enabled, @NotNull Role role, @NotNull String name, @NotNull String host,
                          @Range(max = 65535) int port, @NotNull String members, @NotNull String secretFile,
                          @Range(max = 65535) int eventBusPort, @Min(1) long heartbeatMillis, @Min(1) long nodeTimeoutSeconds) {

        public long nodeTimeoutMillis() {
            return nodeTimeoutSeconds * 1000;
        }

        /** {@code cluster.members}: host:port entries, comma-separated. */
        public List<String> memberList() {
            return java.util.Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
        }
    }

    /** What this node does: {@code cluster.role} in a cluster, everything without one. */
    public Role role() {
        return cluster.enabled() ? cluster.role() : Role.ALL;
    }

    /** This node's id: its cluster address {@code host:port}, or {@code local} without a cluster. */
    public String nodeId() {
        return cluster.enabled() ? cluster.host() + ":" + cluster.port() : "local";
    }

    /**
     * What a session is estimated to take: the line {@code memory.sessionFixedMb} + {@code memory.sessionBytesPerPixel}
     * x pixels where either is set above 0, else the network's measured figures.
     */
    public SessionMemory sessionMemory() {
        return memory.sessionFixedMb() > 0 || memory.sessionBytesPerPixel() > 0
                ? SessionMemory.line(memory.sessionFixedMb() * 1024 * 1024, memory.sessionBytesPerPixel())
                : SessionMemory.of(model);
    }
}
