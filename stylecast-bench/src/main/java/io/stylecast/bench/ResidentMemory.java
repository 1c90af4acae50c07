package io.stylecast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Linux process's resident memory, read from {@code /proc/PID/status}: what it holds now ({@code VmRSS}), the
 * most it has held ({@code VmHWM}), and a reset of that peak to the present ({@code /proc/PID/clear_refs}), so a
 * peak can be taken over one stretch of a process's life.
 */
public final class ResidentMemory {

    private final Path proc;

    private ResidentMemory(long pid) {
        this.proc = Path.of("/proc", Long.toString(pid));
    }

    public static ResidentMemory of(long pid) {
        return new ResidentMemory(pid);
    }

    public static ResidentMemory self() {
        return of(ProcessHandle.current().pid());
    }

    /** Bytes resident now. */
    public long current() {
        return field("VmRSS:");
    }

    /** The most bytes resident since the process started or since {@link #resetPeak}. */
    public long peak() {
        return field("VmHWM:");
    }

    /** Makes {@link #peak} start again from what is resident now (Linux 4.0 and later). */
    public void resetPeak() {
        try {
            Files.writeString(proc.resolve("clear_refs"), "5");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the peak resident memory of " + proc, e);
        }
    }

    private long field(String name) {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith(name)) {
                    // "VmRSS:    123456 kB"
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + proc.resolve("status"), e);
        }
        throw new IllegalStateException(name + " not in " + proc.resolve("status"));
    }
}
