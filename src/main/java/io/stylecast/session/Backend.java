package io.stylecast.session;

import io.stylecast.settings.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * What a node computes on, as its health, start-up log, page and metrics report it:
 * {@code {"kind":"cpu","isa":"avx2","threads":2}}, or {@code {"kind":"cuda","devices":[{"name","memoryMb"}]}}.
 */
public final class Backend {

    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private Backend() {
    }

    /** {@code cpu} or {@code cuda}, from which ND4J backend is on the class path, without loading ND4J. */
    public static String kind() {
        try {
            Class.forName(CUDA_BACKEND, false, Backend.class.getClassLoader());
            return "cuda";
        } catch (ClassNotFoundException e) {
            return "cpu";
        }
    }

    /** ND4J's backend could not start: no NVIDIA driver for the CUDA build, or a broken native library. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Starts ND4J's backend, or says why it cannot in words a user can act on.
     *
     * @throws Unavailable if it does not start
     */
    public static void require() {
        try {
            Nd4j.getBackend();
        } catch (RuntimeException | LinkageError e) {
            throw new Unavailable("cuda".equals(kind())
                    ? "ND4J's CUDA backend did not start (the warning above names the library it missed). This is the CUDA"
                    + " build (mvn -Pcuda): it needs an NVIDIA GPU and its driver (libcuda.so.1, nvidia-smi should list the"
                    + " GPU); to run on the CPU, build without -Pcuda"
                    : "ND4J's CPU backend did not start: " + e, e);
        }
    }

    /** Whether the workers compute on GPUs; loads ND4J. */
    public static boolean cuda() {
        return Nd4j.getBackend().getClass().getName().toLowerCase(Locale.ROOT).contains("cublas");
    }

    /**
     * The GPUs this node's workers run on, one worker each: {@code workers.devices}, every GPU when it says
     * {@code "all"} or is not set; empty on the CPU build.
     *
     * @throws IllegalArgumentException if it names a GPU this machine does not have
     */
    public static List<Integer> devices(Settings settings) {
        if (!cuda()) {
            return List.of();
        }
        int count = Nd4j.getAffinityManager().getNumberOfDevices();
        List<Integer> wanted = settings.workers().devices().numbers();
        if (wanted == null || wanted.isEmpty()) {
            return java.util.stream.IntStream.range(0, count).boxed().toList();
        }
        for (int device : wanted) {
            if (device >= count) {
                throw new IllegalArgumentException("workers.devices names GPU " + device + ", but this machine has "
                        + count + " (0 to " + (count - 1) + ")");
            }
        }
        return wanted;
    }

    /** Makes the calling thread's ND4J arrays and operations live on GPU {@code device} (a no-op on the CPU). */
    public static void bind(int device) {
        Nd4j.getAffinityManager().unsafeSetDevice(device);
    }

    /** What the GPU has free now, in bytes. */
    public static long freeBytes(int device) {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().getDeviceFreeMemory(device);
    }

    /** The backend in use, with its details; loads ND4J. */
    public static JsonObject describe() {
        if (!cuda()) {
            return new JsonObject().put("kind", "cpu").put("isa", isa(NativeOpsHolder.getInstance().getDeviceNativeOps().binaryLevel()))
                    .put("threads", Nd4j.getEnvironment().maxThreads());
        }
        // as ND4J's CUDA executioner lists its devices (not run here: no GPU on this project's machines)
        JsonArray devices = new JsonArray();
        Object listed = Nd4j.getExecutioner().getEnvironmentInformation().get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
        if (listed instanceof java.util.List<?> list) {
            for (Object item : list) {
                java.util.Map<?, ?> device = (java.util.Map<?, ?>) item;
                Object total = device.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY);
                devices.add(new JsonObject().put("name", String.valueOf(device.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY)))
                        .put("memoryMb", total instanceof Number n ? n.longValue() / (1024 * 1024) : 0));
            }
        }
        return new JsonObject().put("kind", "cuda").put("devices", devices);
    }

    /** libnd4j's binary level: the instruction set the CPU build was compiled for. */
    static String isa(int binaryLevel) {
        return switch (binaryLevel) {
            case 1 -> "x86-64";
            case 2 -> "avx2";
            case 3 -> "avx512";
            default -> "generic";
        };
    }

    /** For people: "CPU (avx2, 2 threads)" or "CUDA (2 devices: ...)". */
    public static String text(JsonObject backend) {
        if ("cuda".equals(backend.getString("kind"))) {
            JsonArray devices = backend.getJsonArray("devices", new JsonArray());
            return "CUDA (" + devices.size() + (devices.size() == 1 ? " device: " : " devices: ")
                    + devices.stream().map(d -> ((JsonObject) d).getString("name"))
                    .collect(java.util.stream.Collectors.joining(", ")) + ")";
        }
        return "CPU (" + backend.getString("isa") + ", " + backend.getInteger("threads") + " threads)";
    }
}
