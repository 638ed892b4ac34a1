package org.keras4j.examples.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.backend.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * keras4j's performance benchmark: the same workloads written by hand in DL4J (with ND4J's
 * default settings, and with keras4j's tuned ones), with keras4j's {@code Sequential}, and with
 * PyTorch, in one run; medians of repetitions in one markdown table.
 *
 * <p>Workloads: W1 MLP 784-512-256-10 (ReLU, softmax, Adam, batch 128) one epoch of 60,000
 * synthetic samples, and inference in batches of 1000; W4 a 2-8-1 net at batch 4, per training
 * step and per inference call; W5 sgemm 2048³; W2 the course CNN and W3 an LSTM (see
 * {@link CnnWorkload}, {@link LstmWorkload}); W7 a residual CNN, keras4j's {@code Functional}
 * against a hand-written {@code ComputationGraph} ({@link ResidualWorkload}); W8 a GRU on W3's
 * shapes ({@link GruWorkload}, PyTorch only: DL4J has no GRU); W9 a character language model's
 * training step ({@link LanguageModelWorkload}); W6 the course-size classifier with the sparse
 * loss and accuracy ({@link CourseClassifierWorkload}); W10 the deep autoencoder and R1 the RBM
 * against scikit-learn's {@code BernoulliRBM} ({@link UnsupervisedWorkloads}). DL4J with its
 * defaults runs in its own JVM (thread settings are per process); DL4J tuned, keras4j and
 * PyTorch ({@code benchmark/pytorch_bench.py}, when a {@code python3} that can {@code import torch}
 * is found) run from a second JVM with their repetitions interleaved ({@link TunedRun}), so that
 * all of them see the same machine load. PyTorch runs at its best: with each memory allocator
 * and each thread count ({@link PyTorchServers}), and the table compares keras4j with the fastest
 * configuration. Both JVMs start without the thread-count and wait variables of OpenMP and the
 * BLAS libraries, so that "default" is ND4J's default and "tuned" is keras4j's choice
 * ({@code -Dkeras4j.threads.*} passed to this JVM reach the tuned one).
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     org.keras4j.examples.benchmark.Benchmark --reps 3
 * # some workloads alone (keras4j, DL4J tuned, PyTorch), printed, results.md untouched:
 * java -cp ... org.keras4j.examples.benchmark.Benchmark --only w6,w1 --reps 3
 * }</pre>
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Benchmarks keras4j against hand-written DL4J and PyTorch; writes benchmark/results.md.")
public final class Benchmark implements Callable<Integer> {
    static final String MARKER = "KERAS4J-BENCH-JSON ";
    private static final List<String> THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "MKL_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_THREAD_TIMEOUT");

    @Option(names = {"-n", "--reps"}, defaultValue = "5", description = "Timed repetitions per cell (default 5).")
    int reps;

    @Option(names = "--w1-samples", defaultValue = "60000", description = "W1 training samples (default 60000).")
    int w1Samples;

    @Option(names = "--w4-samples", defaultValue = "4000",
            description = "W4 training samples per timed epoch, in batches of 4 (default 4000).")
    int w4Samples;

    @Option(names = "--w2-samples", defaultValue = "10000", description = "W2 CNN training images (default 10000).")
    int w2Samples;

    @Option(names = "--w3-samples", defaultValue = "10000", description = "W3 LSTM training sequences (default 10000).")
    int w3Samples;

    @Option(names = "--w6-samples", defaultValue = "6000",
            description = "W6 course classifier training rows (default 6000).")
    int w6Samples;

    @Option(names = "--w7-samples", defaultValue = "4000",
            description = "W7 residual CNN training images (default 4000).")
    int w7Samples;

    @Option(names = "--w8-samples", defaultValue = "10000", description = "W8 GRU training sequences (default 10000).")
    int w8Samples;

    @Option(names = "--w9-batches", defaultValue = "20",
            description = "W9 language-model training steps per repetition (default 20).")
    int w9Batches;

    @Option(names = "--only", description = "Run some workloads alone, comma-separated: w1, w2, w3, w4, w5, w6, w7, w8,"
            + " w9, w10, r1 (keras4j, DL4J tuned, PyTorch and for r1 scikit-learn; prints the table, writes it only"
            + " to --out); or r18 alone (ResNet18 against torchvision, ResNetWorkload).")
    String only;

    @Option(names = "--memory-epochs", defaultValue = "10",
            description = "Memory check: W1 epochs whose resident memory is compared (default 10; 0 skips it).")
    int memoryEpochs;

    @Option(names = "--warmup-epochs", defaultValue = "3",
            description = "Warm-up check: W2 epochs in a fresh JVM, the first against the last (default 3; 0 skips it).")
    int warmUpEpochs;

    @Option(names = "--memory-steps", defaultValue = "100000",
            description = "Memory check: W4 tiny-batch training steps (default 100000).")
    int memorySteps;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic data and weights.")
    long seed;

    @Option(names = "--out", description = "Results file (default: benchmark/results.md of the repository).")
    Path out;

    @Option(names = "--script", description = "PyTorch script (default: benchmark/pytorch_bench.py).")
    Path script;

    @Option(names = "--python", description = "Python interpreter with torch (default: python3, else /usr/bin/python3).")
    String python;

    @Option(names = "--no-pytorch", description = "Skip PyTorch.")
    boolean noPytorch;

    @Option(names = "--pytorch-allocators", defaultValue = "glibc,jemalloc", split = ",",
            description = "PyTorch's memory allocators, each its own process: glibc, jemalloc (LD_PRELOAD of Debian's"
                    + " libjemalloc2; glibc-tuned when it is not installed), glibc-tuned (default: glibc,jemalloc).")
    List<String> pytorchAllocators;

    @Option(names = "--pytorch-threads", split = ",",
            description = "PyTorch's intra-op thread counts, each run (default: 1 and one per core).")
    List<Integer> pytorchThreads;

    @Option(names = "--no-default", description = "Skip DL4J with default settings.")
    boolean noDefault;

    @CommandLine.Mixin
    UnsupervisedOptions unsup = new UnsupervisedOptions();

    @Option(names = "--worker", hidden = true, description = "Internal: run one JVM's share (default or tuned).")
    String worker;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (reps <= 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--reps must be positive, got " + reps);
        }
        Workloads.Sizes d = Workloads.Sizes.DEFAULT;
        Workloads.Sizes sizes = new Workloads.Sizes(w1Samples, d.w1Batch(), Math.min(d.w1InferSamples(), w1Samples),
                d.w1InferBatch(), w4Samples, d.w4Batch(), d.w4InferCalls(), d.gemmN());
        if (w2Samples <= 0 || w3Samples <= 0 || w6Samples <= 0 || w7Samples <= 0 || w8Samples <= 0 || w9Batches <= 0
                || memoryEpochs < 0 || memorySteps <= 0 || warmUpEpochs < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--w2-samples, --w3-samples, --w6-samples, "
                    + "--w7-samples, --w8-samples, --w9-batches and --memory-steps must be positive and --memory-epochs, "
                    + "--warmup-epochs not negative, got " + w2Samples + ", " + w3Samples + ", " + w6Samples + ", "
                    + w7Samples + ", " + w8Samples + ", " + w9Batches + ", " + memorySteps + ", " + memoryEpochs + ", "
                    + warmUpEpochs);
        }
        if (ResNetWorkload.NAME.equals(only)) {   // ResNet18 against torchvision: a run and a table of its own
            return ResNetWorkload.run(reps, seed, python, out);
        }
        if (only != null && !TunedRun.ALL.containsAll(List.of(only.split(",")))) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--only takes " + TunedRun.ALL
                    + " or " + ResNetWorkload.NAME + " alone"
                    + ", comma-separated, got " + only);
        }
        if (!PyTorchServers.ALLOCATORS.containsAll(pytorchAllocators) || pytorchAllocators.isEmpty()
                || (pytorchThreads != null && (pytorchThreads.isEmpty() || pytorchThreads.stream().anyMatch(t -> t < 1)))) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--pytorch-allocators takes "
                    + PyTorchServers.ALLOCATORS + " and --pytorch-threads positive counts, comma-separated, got "
                    + pytorchAllocators + " and " + pytorchThreads);
        }
        unsup.validate();
        TunedRun.Sizes all = new TunedRun.Sizes(sizes, w2Samples, w3Samples, w6Samples, w7Samples, w8Samples, w9Batches);
        if (worker != null) {
            Results r = switch (worker) {
                case "default" -> runDefault(all, reps, seed);
                case "tuned" -> runTuned(all, TunedRun.ALL, reps, seed, unsup, workerTorch(all));
                case "only" -> runTuned(all, List.of(only.split(",")), reps, seed, unsup, workerTorch(all));
                case "memory" -> MemoryCheck.run(sizes, memoryEpochs, memorySteps, seed);
                case "warmup" -> WarmUpCheck.run(w2Samples, warmUpEpochs, seed);
                default -> throw new IllegalArgumentException("--worker must be default, tuned, only, memory or warmup, "
                        + "got " + worker);
            };
            System.out.println(MARKER + r.toJson());
            return 0;
        }
        return coordinate(sizes);
    }

    // ---- the coordinating JVM ----------------------------------------------------------------

    private int coordinate(Workloads.Sizes sizes) throws IOException, InterruptedException {
        Path dir = benchmarkDir();
        Path outFile = out != null ? out : dir.resolve("results.md");
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("date", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        machine.put("CPU", Machine.cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        machine.put("memory", Machine.memTotal());
        machine.put("OS / Java", System.getProperty("os.name") + " " + System.getProperty("os.version") + " / Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        machine.put("sizes", "W1 " + sizes.w1Samples() + " samples, inference " + sizes.w1InferSamples()
                + "; W4 " + sizes.w4Samples() + " samples (" + Workloads.steps(sizes.w4Samples(), sizes.w4Batch())
                + " steps), " + sizes.w4InferCalls() + " inference calls; W2 " + w2Samples + " images; W3 "
                + w3Samples + " sequences; W5 n=" + sizes.gemmN() + "; W6 " + w6Samples + " rows; W7 " + w7Samples
                + " images; W8 " + w8Samples + " sequences; W9 " + w9Batches + " steps; seed " + seed);
        machine.put("load average at start", Machine.loadAverage());
        Results all = new Results();
        List<String> common = List.of("--reps", String.valueOf(reps), "--w1-samples", String.valueOf(sizes.w1Samples()),
                "--w4-samples", String.valueOf(sizes.w4Samples()), "--w2-samples", String.valueOf(w2Samples),
                "--w3-samples", String.valueOf(w3Samples), "--w6-samples", String.valueOf(w6Samples),
                "--w7-samples", String.valueOf(w7Samples),
                "--w8-samples", String.valueOf(w8Samples), "--w9-batches", String.valueOf(w9Batches),
                "--seed", String.valueOf(seed));
        if (only != null) {
            return coordinateOne(common, machine);
        }
        if (!noDefault) {
            progress("DL4J with default settings (own JVM) ...");
            all.merge(runWorker("default", common));
        }
        progress("DL4J tuned, keras4j and PyTorch (interleaved, from one JVM) ...");
        all.merge(runWorker("tuned", torchArgs(unsup.workerArgs(common), machine)));
        if (memoryEpochs > 0) {
            progress("keras4j memory check (own JVM) ...");
            List<String> memoryArgs = new ArrayList<>(common);
            memoryArgs.addAll(List.of("--memory-epochs", String.valueOf(memoryEpochs), "--memory-steps",
                    String.valueOf(memorySteps)));
            Results memory = runWorker("memory", memoryArgs);
            MemoryCheck.describe(memory).forEach(machine::put);
        }
        if (warmUpEpochs > 0) {
            progress("keras4j warm-up check (own JVM) ...");
            List<String> warmUpArgs = new ArrayList<>(common);
            warmUpArgs.addAll(List.of("--warmup-epochs", String.valueOf(warmUpEpochs)));
            WarmUpCheck.describe(runWorker("warmup", warmUpArgs)).forEach(machine::put);
        }
        UnsupervisedWorkloads.runSklearn(unsup, python, seed, all, machine);
        machine.put("load average at end", Machine.loadAverage());
        for (String v : List.of(ResultsTable.DL4J_DEFAULT, ResultsTable.KERAS4J, ResultsTable.PYTORCH)) {
            String rss = all.info(v, "peak_rss_mb");
            if (rss != null) {
                machine.put("peak resident memory, " + v + " process", rss + " MB");
            }
        }
        putInfo(machine, all, ResultsTable.DL4J_DEFAULT, "failed", "DL4J default run failed");
        putInfo(machine, all, ResultsTable.KERAS4J, "failed", "keras4j run failed");
        putTorchInfo(machine, all);
        putInfo(machine, all, ResultsTable.DL4J_DEFAULT, "report", "ND4J in the DL4J default JVM");
        putInfo(machine, all, ResultsTable.KERAS4J, "report", "ND4J in the keras4j JVM (Backend.report())");
        String md = ResultsTable.render(all, machine, reps);
        writeAtomically(outFile, md);
        System.out.println(md);
        progress("wrote " + outFile.toAbsolutePath());
        return 0;
    }

    /**
     * {@code --only w7,w8}: those workloads in one worker (DL4J tuned and keras4j) and in PyTorch,
     * one table with their rows, printed; written to {@code --out} only when that is given, so that
     * results.md keeps the last full run.
     */
    private int coordinateOne(List<String> common, Map<String, String> machine) throws IOException, InterruptedException {
        Results all = new Results();
        progress(only + " alone: DL4J tuned, keras4j and PyTorch (interleaved, from one JVM) ...");
        List<String> workerArgs = unsup.workerArgs(common);
        workerArgs.addAll(List.of("--only", only));
        all.merge(runWorker("only", UnsupervisedWorkloads.withoutOwn(only).isEmpty() ? noTorch(workerArgs)
                : torchArgs(workerArgs, machine)));
        if (List.of(only.split(",")).contains("r1")) {
            UnsupervisedWorkloads.runSklearn(unsup, python, seed, all, machine);
        }
        machine.put("load average at end", Machine.loadAverage());
        putInfo(machine, all, ResultsTable.KERAS4J, "failed", "keras4j run failed");
        putTorchInfo(machine, all);
        List<String> names = List.of(only.split(","));
        String md = ResultsTable.render(all, machine, reps,
                java.util.Arrays.stream(Metric.values()).filter(m -> names.contains(m.workload())).toList());
        if (out != null) {
            writeAtomically(out, md);
            progress("wrote " + out.toAbsolutePath());
        }
        System.out.println(md);
        return 0;
    }

    /**
     * {@code args} plus what the worker needs to start PyTorch: the interpreter found, the script,
     * the allocators and thread counts; or {@code --no-pytorch}, with the reason in {@code machine}.
     */
    private List<String> torchArgs(List<String> args, Map<String, String> machine) {
        if (noPytorch) {
            return noTorch(args);
        }
        List<String> candidates = python != null ? List.of(python) : List.of("python3", "/usr/bin/python3");
        Optional<String> py = PyTorchRunner.findPython(candidates);
        if (py.isEmpty()) {
            machine.put("PyTorch", "not run: none of " + candidates + " can import torch "
                    + "(Debian: apt-get install python3-torch)");
            return noTorch(args);
        }
        List<String> out = new ArrayList<>(args);
        out.addAll(List.of("--python", py.get(), "--script", torchScript().toString(),
                "--pytorch-allocators", String.join(",", pytorchAllocators)));
        if (pytorchThreads != null) {
            out.addAll(List.of("--pytorch-threads", String.join(",", pytorchThreads.stream().map(String::valueOf).toList())));
        }
        return out;
    }

    private static List<String> noTorch(List<String> args) {
        List<String> out = new ArrayList<>(args);
        out.add("--no-pytorch");
        return out;
    }

    private Path torchScript() {
        return (script != null ? script : benchmarkDir().resolve("pytorch_bench.py")).toAbsolutePath();
    }

    /** In a worker: PyTorch's servers, or null when told to run without PyTorch or they do not start. */
    private PyTorchServers workerTorch(TunedRun.Sizes s) throws IOException {
        if (noPytorch || python == null) {
            return null;
        }
        List<Integer> threads = pytorchThreads != null ? pytorchThreads
                : List.copyOf(new java.util.TreeSet<>(List.of(1, Runtime.getRuntime().availableProcessors())));
        List<String> sizeArgs = List.of("--w1-samples", String.valueOf(s.base().w1Samples()),
                "--w4-samples", String.valueOf(s.base().w4Samples()), "--w2-samples", String.valueOf(s.w2Samples()),
                "--w3-samples", String.valueOf(s.w3Samples()), "--w6-samples", String.valueOf(s.w6Samples()),
                "--w7-samples", String.valueOf(s.w7Samples()), "--w8-samples", String.valueOf(s.w8Samples()),
                "--w9-batches", String.valueOf(s.w9Batches()), "--seed", String.valueOf(seed));
        try {
            return PyTorchServers.start(python, torchScript(), sizeArgs, pytorchAllocators, threads);
        } catch (IllegalStateException e) {
            progress("PyTorch not run: " + e.getMessage());
            return null;
        }
    }

    private static void putTorchInfo(Map<String, String> machine, Results all) {
        putInfo(machine, all, ResultsTable.PYTORCH, "failed", "PyTorch failed");
        putInfo(machine, all, ResultsTable.PYTORCH, "version", "PyTorch");
        putInfo(machine, all, ResultsTable.PYTORCH, "allocators", "PyTorch allocators (one process each)");
        putInfo(machine, all, ResultsTable.PYTORCH, "thread counts", "PyTorch thread counts (each run)");
    }

    private static void putInfo(Map<String, String> machine, Results r, String variant, String key, String label) {
        String v = r.info(variant, key);
        if (v != null) {
            machine.put(label, v);
        }
    }

    private Results runWorker(String kind, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            boolean ours = a.startsWith("-Dkeras4j.") || a.startsWith("-Dorg.eclipse.deeplearning4j.");
            if (a.startsWith("-Xm") || a.startsWith("-XX:") || (a.startsWith("-D") && !(ours && kind.equals("default")))) {
                cmd.add(a);
            }
        }
        if (kind.equals("default")) {
            cmd.add("-D" + Backend.AUTOCONFIGURE_PROPERTY + "=false");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Benchmark.class.getName());
        cmd.add("--worker");
        cmd.add(kind);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        THREAD_VARIABLES.forEach(pb.environment()::remove);
        Process p = pb.start();
        String json = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.startsWith(MARKER)) {
                    json = line.substring(MARKER.length());
                }
            }
        }
        int code = p.waitFor();
        if (code != 0 || json == null) {
            Results failed = new Results();
            String variant = switch (kind) {
                case "default" -> ResultsTable.DL4J_DEFAULT;
                case "memory" -> MemoryCheck.VARIANT;
                case "warmup" -> WarmUpCheck.VARIANT;
                default -> ResultsTable.KERAS4J;
            };
            failed.info(variant, "failed", "worker JVM exited with " + code + " (its errors are printed above)");
            return failed;
        }
        return Results.fromJson(json);
    }

    // ---- the worker JVMs ---------------------------------------------------------------------

    /** Hand-written DL4J, ND4J's defaults (this JVM runs with keras4j.autoconfigure=false). */
    static Results runDefault(TunedRun.Sizes s, int reps, long seed) {
        Results r = new Results();
        String v = ResultsTable.DL4J_DEFAULT;
        Workloads w = new Workloads(s.base(), seed);
        MultiLayerNetwork mlp = Workloads.dl4jMlp(seed);
        w.warmUpW1(mlp, null);
        progress("  W1 training");
        r.addAll(v, Metric.W1_TRAIN, Workloads.repeat(reps, () -> w.w1TrainDl4j(mlp)));
        r.addAll(v, Metric.W1_INFER, Workloads.repeat(reps, () -> w.w1InferDl4j(mlp)));
        MultiLayerNetwork tiny = Workloads.dl4jTiny(seed);
        w.warmUpW4(tiny, null);
        progress("  W4 tiny batches");
        r.addAll(v, Metric.W4_TRAIN, Workloads.repeat(reps, () -> w.w4TrainDl4j(tiny)));
        r.addAll(v, Metric.W4_INFER, Workloads.repeat(reps, () -> w.w4InferDl4j(tiny)));
        CnnWorkload w2 = new CnnWorkload(s.w2Samples(), seed);
        MultiLayerNetwork cnn = CnnWorkload.dl4jCnn(seed);
        w2.warmUp(cnn, null);
        progress("  W2 CNN");
        r.addAll(v, Metric.W2_TRAIN, Workloads.repeat(reps, () -> w2.trainDl4j(cnn)));
        r.addAll(v, Metric.W2_INFER, Workloads.repeat(reps, () -> w2.inferDl4j(cnn)));
        LstmWorkload w3 = new LstmWorkload(s.w3Samples(), seed);
        MultiLayerNetwork lstm = LstmWorkload.dl4jLstm(seed);
        w3.warmUp(lstm, null);
        progress("  W3 LSTM");
        r.addAll(v, Metric.W3_TRAIN, Workloads.repeat(reps, () -> w3.trainDl4j(lstm)));
        CourseClassifierWorkload w6 = new CourseClassifierWorkload(s.w6Samples(), seed);
        MultiLayerNetwork classifier = CourseClassifierWorkload.dl4jClassifier(seed);
        w6.warmUp(classifier, null);
        progress("  W6 course classifier");
        r.addAll(v, Metric.W6_TRAIN, Workloads.repeat(reps, () -> w6.trainDl4j(classifier)));
        progress("  W5 sgemm");
        r.addAll(v, Metric.W5_SGEMM, Workloads.repeat(reps, Workloads.sgemm(s.base().gemmN(), seed)));
        r.info(v, "peak_rss_mb", Machine.peakRssMb());
        r.info(v, "report", Backend.report());
        return r;
    }

    /**
     * {@code workloads} by hand in DL4J, with keras4j and with PyTorch, interleaved, after
     * {@code Backend.configure()}.
     *
     * @param torch PyTorch's servers (closed here), or null
     */
    static Results runTuned(TunedRun.Sizes sizes, List<String> workloads, int reps, long seed,
                            UnsupervisedOptions unsup, PyTorchServers torch) {
        Backend.configure();
        HandLoop.guardMemory();
        try (PyTorchServers closing = torch) {
            TunedRun run = new TunedRun(sizes, reps, seed, unsup, torch);
            run.run(workloads);
            return run.results();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** The repository's benchmark/ directory: the nearest one up from the working directory. */
    static Path benchmarkDir() {
        Path cwd = Paths.get("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("benchmark").resolve("pytorch_bench.py"))) {
                return p.resolve("benchmark");
            }
        }
        return cwd.resolve("benchmark");
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void progress(String msg) {
        TunedRun.progress(msg);
    }
}
