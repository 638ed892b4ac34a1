package org.keras4j.examples.benchmark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * PyTorch at its best on this machine, one repetition at a time: one {@code pytorch_bench.py --serve}
 * process per memory allocator, each run with every thread count, so that the benchmark can
 * interleave single repetitions of keras4j, hand-written DL4J and each PyTorch configuration and
 * all of them see the same machine.
 *
 * <p>Allocators: {@code glibc} (the default: Debian's PyTorch with glibc's malloc returns every
 * large freed buffer to the operating system and faults it back in on the next step), {@code jemalloc}
 * (Debian's {@code libjemalloc2} through {@code LD_PRELOAD}; where it is not installed, glibc with the
 * variables below, and the info says so) and {@code glibc-tuned} (glibc with
 * {@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_} and {@code MALLOC_TOP_PAD_} raised, as
 * PyTorch's CPU performance guides advise).
 *
 * <pre>{@code
 * try (PyTorchServers torch = PyTorchServers.start("/usr/bin/python3", script, sizeArgs,
 *         List.of("glibc", "jemalloc"), List.of(1, 2))) {
 *     torch.warm("w6");
 *     double msPerStep = torch.rep(torch.configs().get(0), Metric.W6_TRAIN);
 * }
 * }</pre>
 */
final class PyTorchServers implements AutoCloseable {
    /** The allocators {@code --pytorch-allocators} takes. */
    static final List<String> ALLOCATORS = List.of("glibc", "jemalloc", "glibc-tuned");
    /** glibc's malloc tuned not to return freed memory: 32 MiB (the largest mmap threshold glibc accepts), 1 GiB, 64 MiB. */
    static final Map<String, String> GLIBC_TUNING = Map.of("MALLOC_MMAP_THRESHOLD_", "33554432",
            "MALLOC_TRIM_THRESHOLD_", "1073741824", "MALLOC_TOP_PAD_", "67108864");
    private static final List<String> JEMALLOC = List.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
            "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2", "/usr/lib64/libjemalloc.so.2", "/usr/lib/libjemalloc.so.2");
    private static final List<String> ENVIRONMENT_CLEARED = List.of("LD_PRELOAD", "MALLOC_MMAP_THRESHOLD_",
            "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_THREAD_TIMEOUT");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One PyTorch configuration: a server (its allocator) and an intra-op thread count.
     *
     * @param allocator the allocator's name as given ({@code jemalloc} also when it fell back to tuned glibc)
     */
    record Config(String allocator, int threads) {
        /** The {@link Results} variant of its repetitions, e.g. {@code pytorch jemalloc 1t}. */
        String variant() {
            return ResultsTable.PYTORCH + " " + allocator + " " + threads + "t";
        }

        /** The configuration a variant names, or empty for another variant. */
        static Optional<Config> ofVariant(String variant) {
            String[] parts = variant.split(" ");
            if (parts.length != 3 || !parts[0].equals(ResultsTable.PYTORCH) || !parts[2].matches("[1-9]\\d*t")) {
                return Optional.empty();
            }
            return Optional.of(new Config(parts[1], Integer.parseInt(parts[2].substring(0, parts[2].length() - 1))));
        }

        /** For the table, e.g. {@code jemalloc, 1 thread}. */
        String label() {
            return allocator + ", " + threads + (threads == 1 ? " thread" : " threads");
        }
    }

    private final Map<String, Server> servers;
    private final List<Config> configs;
    private final List<Integer> threads;

    private PyTorchServers(Map<String, Server> servers, List<Integer> threads) {
        this.servers = servers;
        this.threads = List.copyOf(threads);
        List<Config> all = new ArrayList<>();
        servers.keySet().forEach(a -> threads.forEach(t -> all.add(new Config(a, t))));
        this.configs = List.copyOf(all);
    }

    /**
     * Starts one server per allocator.
     *
     * @param args the script's size arguments ({@code --w1-samples 60000 ...}, {@code --seed})
     * @throws IllegalArgumentException for an allocator not in {@link #ALLOCATORS} or no thread counts
     * @throws IllegalStateException if a server does not start
     */
    static PyTorchServers start(String python, Path script, List<String> args, List<String> allocators,
                                List<Integer> threads) throws IOException {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("PyTorch benchmark script not found: " + script.toAbsolutePath());
        }
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("PyTorch thread counts must be positive, got " + threads);
        }
        Map<String, Server> servers = new LinkedHashMap<>();
        try {
            for (String a : allocators) {
                if (!ALLOCATORS.contains(a)) {
                    throw new IllegalArgumentException("PyTorch allocator must be one of " + ALLOCATORS + ", got '" + a + "'");
                }
                List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--serve"));
                cmd.addAll(args);
                servers.put(a, new Server(cmd, environment(a)));
            }
        } catch (IOException | RuntimeException e) {
            servers.values().forEach(Server::close);
            throw e;
        }
        return new PyTorchServers(servers, threads);
    }

    /** What the server of {@code allocator} gets in its environment besides the cleared variables. */
    static Map<String, String> environment(String allocator) {
        return switch (allocator) {
            case "glibc" -> Map.of();
            case "glibc-tuned" -> GLIBC_TUNING;
            case "jemalloc" -> jemalloc().map(lib -> Map.of("LD_PRELOAD", lib)).orElse(GLIBC_TUNING);
            default -> throw new IllegalArgumentException("PyTorch allocator must be one of " + ALLOCATORS
                    + ", got '" + allocator + "'");
        };
    }

    /** Debian's {@code libjemalloc2}, if installed. */
    static Optional<String> jemalloc() {
        return JEMALLOC.stream().filter(p -> Files.isRegularFile(Path.of(p))).findFirst();
    }

    /** Every allocator and thread count, allocator by allocator. */
    List<Config> configs() {
        return configs;
    }

    /** Builds {@code workload} in every server and warms it up with every thread count. */
    void warm(String workload) {
        for (Server s : servers.values()) {
            s.request(Map.of("op", "warm", "workload", workload, "threads", threads));
        }
    }

    /** One timed repetition of {@code metric} in configuration {@code c}: its value in the metric's unit. */
    double rep(Config c, Metric metric) {
        Server s = servers.get(c.allocator());
        if (s == null) {
            throw new IllegalArgumentException("no PyTorch server for allocator '" + c.allocator() + "'");
        }
        JsonNode value = s.request(Map.of("op", "rep", "workload", metric.workload(), "metric", metric.key,
                "threads", c.threads())).get("value");
        if (value == null || !value.isNumber()) {
            throw new IllegalStateException("PyTorch returned no value for " + metric.key);
        }
        return value.asDouble();
    }

    /** Facts for the results: PyTorch's version and what each allocator was. */
    Map<String, String> info() {
        Map<String, String> info = new LinkedHashMap<>();
        servers.values().stream().findFirst().ifPresent(s -> info.put("version", s.hello.path("version").asText()));
        List<String> allocators = new ArrayList<>();
        servers.forEach((name, s) -> allocators.add(name + " (" + s.hello.path("allocator").asText() + ")"));
        info.put("allocators", String.join("; ", allocators));
        info.put("thread counts", threads.toString());
        return info;
    }

    @Override
    public void close() {
        servers.values().forEach(Server::close);
    }

    /** One {@code --serve} process: a JSON request per line in, a JSON reply per line out. */
    private static final class Server {
        private final Process process;
        private final BufferedWriter in;
        private final BufferedReader out;
        private final String command;
        final JsonNode hello;

        Server(List<String> cmd, Map<String, String> env) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            ENVIRONMENT_CLEARED.forEach(pb.environment()::remove);
            pb.environment().putAll(env);
            this.command = (env.isEmpty() ? "" : env + " ") + String.join(" ", cmd);
            this.process = pb.start();
            this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            try {
                this.hello = readReply();
            } catch (RuntimeException e) {
                process.destroy();
                throw e;
            }
        }

        JsonNode request(Map<String, Object> request) {
            try {
                in.write(JSON.writeValueAsString(request));
                in.write('\n');
                in.flush();
            } catch (IOException e) {
                throw new IllegalStateException(command + " stopped taking requests", e);
            }
            JsonNode reply = readReply();
            if (reply.has("error")) {
                throw new IllegalStateException(command + ": " + reply.get("error").asText());
            }
            return reply;
        }

        /** The next JSON line; lines that are not JSON (a library's warnings) are skipped. */
        private JsonNode readReply() {
            try {
                for (String line; (line = out.readLine()) != null;) {
                    if (line.strip().startsWith("{")) {
                        return JSON.readTree(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(command + ": cannot read its reply", e);
            }
            throw new IllegalStateException(command + " ended (its errors are printed above)");
        }

        void close() {
            try {
                in.close();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (IOException e) {
                process.destroy();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (pid %d)", command, process.pid());
        }
    }
}
