package org.keras4j.examples.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * Facts about the machine and this process, read from Linux's {@code /proc} ("unknown"
 * elsewhere).
 *
 * <pre>{@code
 * String rss = Machine.peakRssMb();   // e.g. "1534"
 * }</pre>
 */
final class Machine {
    private Machine() {
    }

    static String cpuModel() {
        return field(Paths.get("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    }

    static String memTotal() {
        return field(Paths.get("/proc/meminfo"), "MemTotal").map(Machine::kbToGb).orElse("unknown");
    }

    /** The process's peak resident set size (VmHWM), in MB. */
    static String peakRssMb() {
        return field(Paths.get("/proc/self/status"), "VmHWM")
                .map(v -> String.valueOf(Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024)).orElse("unknown");
    }

    /** The process's current resident set size (VmRSS), in MB; -1 where /proc is missing. */
    static long rssMb() {
        return field(Paths.get("/proc/self/status"), "VmRSS")
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
    }

    /** Minor page faults of this process so far (field 10 of /proc/self/stat); -1 where /proc is missing. */
    static long minorFaults() {
        try {
            String stat = Files.readString(Paths.get("/proc/self/stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[7]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String kbToGb(String v) {
        return String.format(Locale.ROOT, "%.1f GB", Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
    }

    private static java.util.Optional<String> field(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String l : lines) {
                if (l.startsWith(key)) {
                    return java.util.Optional.of(l.substring(l.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return java.util.Optional.empty();
    }
}
