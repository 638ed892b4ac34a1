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
 * training step ({@link LanguageModelWorkload}); W10 the deep autoencoder and R1 the RBM against
 * scikit-learn's {@code BernoulliRBM} ({@link UnsupervisedWorkloads}). DL4J with its
 * defaults runs in its own JVM
 * (thread settings are per process); DL4J tuned and keras4j share a second JVM and alternate
 * repetitions, so that both see the same machine load. PyTorch runs
 * {@code benchmark/pytorch_bench.py} when a {@code python3} that can {@code import torch} is
 * found. Both JVMs start without the thread-count and wait variables of OpenMP and the BLAS
 * libraries, so that "default" is ND4J's default and "tuned" is keras4j's choice
 * ({@code -Dkeras4j.threads.*} passed to this JVM reach the tuned one).
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     org.keras4j.examples.benchmark.Benchmark --reps 3
 * # some workloads alone (keras4j, DL4J tuned, PyTorch), printed, results.md untouched:
 * java -cp ... org.keras4j.examples.benchmark.Benchmark --only w8,w9 --reps 3
 * }</pre>
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Benchmarks keras4j against hand-written DL4J and PyTorch; writes benchmark/results.md.")
public final class Benchmark implements Callable<Integer> {
    static final String MARKER = "KERAS4J-BENCH-JSON ";
    /** The workloads {@code --only} can run alone, and their rows. */
    private static final Map<String, Metric> ALONE = new java.util.TreeMap<>(Map.of("w3", Metric.W3_TRAIN,
            "w7", Metric.W7_TRAIN, "w8", Metric.W8_TRAIN, "w9", Metric.W9_TRAIN, "w10", Metric.W10_TRAIN,
            "r1", Metric.R1_TRAIN));

    /** The sizes of the workloads added after W5. */
    record Extra(int w7Samples, int w8Samples, int w9Batches) {
    }
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

    @Option(names = "--w7-samples", defaultValue = "4000",
            description = "W7 residual CNN training images (default 4000).")
    int w7Samples;

    @Option(names = "--w8-samples", defaultValue = "10000", description = "W8 GRU training sequences (default 10000).")
    int w8Samples;

    @Option(names = "--w9-batches", defaultValue = "20",
            description = "W9 language-model training steps per repetition (default 20).")
    int w9Batches;

    @Option(names = "--only", description = "Run some workloads alone, comma-separated: w3, w7, w8, w9, w10, r1 (keras4j,"
            + " DL4J tuned, PyTorch and for r1 scikit-learn; prints the table, writes it only to --out); or r18 alone"
            + " (ResNet18 against torchvision, ResNetWorkload).")
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
        if (w2Samples <= 0 || w3Samples <= 0 || w7Samples <= 0 || w8Samples <= 0 || w9Batches <= 0 || memoryEpochs < 0
                || memorySteps <= 0 || warmUpEpochs < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--w2-samples, --w3-samples, --w7-samples, "
                    + "--w8-samples, --w9-batches and --memory-steps must be positive and --memory-epochs, --warmup-epochs"
                    + " not negative, got " + w2Samples + ", " + w3Samples + ", " + w7Samples + ", " + w8Samples + ", "
                    + w9Batches + ", " + memorySteps + ", " + memoryEpochs + ", " + warmUpEpochs);
        }
        if (ResNetWorkload.NAME.equals(only)) {   // ResNet18 against torchvision: a run and a table of its own
            return ResNetWorkload.run(reps, seed, python, out);
        }
        if (only != null && !ALONE.keySet().containsAll(List.of(only.split(",")))) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--only takes " + ALONE.keySet()
                    + ", comma-separated, got " + only);
        }
        unsup.validate();
        Extra extra = new Extra(w7Samples, w8Samples, w9Batches);
        if (worker != null) {
            Results r = switch (worker) {
                case "default" -> runDefault(sizes, w2Samples, w3Samples, reps, seed);
                case "tuned" -> runTuned(sizes, w2Samples, w3Samples, extra, reps, seed, unsup);
                case "only" -> runOnly(List.of(only.split(",")), w3Samples, extra, reps, seed, unsup);
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
                + w3Samples + " sequences; W5 n=" + sizes.gemmN() + "; W7 " + w7Samples + " images; W8 " + w8Samples
                + " sequences; W9 " + w9Batches + " steps; seed " + seed);
        machine.put("load average at start", Machine.loadAverage());
        Results all = new Results();
        List<String> common = List.of("--reps", String.valueOf(reps), "--w1-samples", String.valueOf(sizes.w1Samples()),
                "--w4-samples", String.valueOf(sizes.w4Samples()), "--w2-samples", String.valueOf(w2Samples),
                "--w3-samples", String.valueOf(w3Samples), "--w7-samples", String.valueOf(w7Samples),
                "--w8-samples", String.valueOf(w8Samples), "--w9-batches", String.valueOf(w9Batches),
                "--seed", String.valueOf(seed));
        if (only != null) {
            return coordinateOne(common, machine);
        }
        if (!noDefault) {
            progress("DL4J with default settings (own JVM) ...");
            all.merge(runWorker("default", common));
        }
        progress("DL4J tuned and keras4j (shared JVM) ...");
        all.merge(runWorker("tuned", unsup.workerArgs(common)));
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
        runPyTorch(common, all, machine);
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
        putInfo(machine, all, ResultsTable.PYTORCH, "version", "PyTorch");
        putInfo(machine, all, ResultsTable.PYTORCH, "threads", "PyTorch threads");
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
        progress(only + " alone: DL4J tuned and keras4j (shared JVM) ...");
        List<String> workerArgs = unsup.workerArgs(common);
        workerArgs.addAll(List.of("--only", only));
        all.merge(runWorker("only", workerArgs));
        String torchOnly = UnsupervisedWorkloads.withoutOwn(only);
        if (!torchOnly.isEmpty()) {
            List<String> torchArgs = new ArrayList<>(common);
            torchArgs.addAll(List.of("--only", torchOnly));
            runPyTorch(torchArgs, all, machine);
        }
        if (List.of(only.split(",")).contains("r1")) {
            UnsupervisedWorkloads.runSklearn(unsup, python, seed, all, machine);
        }
        machine.put("load average at end", Machine.loadAverage());
        putInfo(machine, all, ResultsTable.KERAS4J, "failed", "keras4j run failed");
        putInfo(machine, all, ResultsTable.PYTORCH, "version", "PyTorch");
        putInfo(machine, all, ResultsTable.PYTORCH, "threads", "PyTorch threads");
        String md = ResultsTable.render(all, machine, reps,
                java.util.Arrays.stream(only.split(",")).map(ALONE::get).toList());
        if (out != null) {
            writeAtomically(out, md);
            progress("wrote " + out.toAbsolutePath());
        }
        System.out.println(md);
        return 0;
    }

    /** PyTorch's side into {@code all}, unless --no-pytorch; why it did not run goes into {@code machine}. */
    private void runPyTorch(List<String> args, Results all, Map<String, String> machine)
            throws IOException, InterruptedException {
        if (noPytorch) {
            return;
        }
        List<String> candidates = python != null ? List.of(python) : List.of("python3", "/usr/bin/python3");
        Optional<String> py = PyTorchRunner.findPython(candidates);
        if (py.isEmpty()) {
            machine.put("PyTorch", "not run: none of " + candidates + " can import torch "
                    + "(Debian: apt-get install python3-torch)");
            return;
        }
        progress("PyTorch (" + py.get() + ") ...");
        Path s = script != null ? script : benchmarkDir().resolve("pytorch_bench.py");
        try {
            all.merge(PyTorchRunner.run(py.get(), s, args));
        } catch (IllegalStateException | IllegalArgumentException e) {
            machine.put("PyTorch", "failed: " + e.getMessage());
        }
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
    static Results runDefault(Workloads.Sizes sizes, int w2Samples, int w3Samples, int reps, long seed) {
        Results r = new Results();
        String v = ResultsTable.DL4J_DEFAULT;
        Workloads w = new Workloads(sizes, seed);
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
        CnnWorkload w2 = new CnnWorkload(w2Samples, seed);
        MultiLayerNetwork cnn = CnnWorkload.dl4jCnn(seed);
        w2.warmUp(cnn, null);
        progress("  W2 CNN");
        r.addAll(v, Metric.W2_TRAIN, Workloads.repeat(reps, () -> w2.trainDl4j(cnn)));
        r.addAll(v, Metric.W2_INFER, Workloads.repeat(reps, () -> w2.inferDl4j(cnn)));
        LstmWorkload w3 = new LstmWorkload(w3Samples, seed);
        MultiLayerNetwork lstm = LstmWorkload.dl4jLstm(seed);
        w3.warmUp(lstm, null);
        progress("  W3 LSTM");
        r.addAll(v, Metric.W3_TRAIN, Workloads.repeat(reps, () -> w3.trainDl4j(lstm)));
        progress("  W5 sgemm");
        r.addAll(v, Metric.W5_SGEMM, Workloads.repeat(reps, Workloads.sgemm(sizes.gemmN(), seed)));
        r.info(v, "peak_rss_mb", Machine.peakRssMb());
        r.info(v, "report", Backend.report());
        return r;
    }

    /** Hand-written DL4J and keras4j, alternating, after Backend.configure(). */
    static Results runTuned(Workloads.Sizes sizes, int w2Samples, int w3Samples, Extra extra, int reps, long seed,
                            UnsupervisedOptions unsup) {
        Backend.configure();
        HandLoop.guardMemory();
        Results r = new Results();
        String dl4j = ResultsTable.DL4J_TUNED;
        String keras = ResultsTable.KERAS4J;
        Workloads w = new Workloads(sizes, seed);
        MultiLayerNetwork mlp = Workloads.dl4jMlp(seed);
        Keras.setRandomSeed(seed);
        Sequential kmlp = Workloads.kerasMlp();
        sameStart(mlp, kmlp);
        w.warmUpW1(mlp, kmlp);
        progress("  W1 training");
        alternate(reps, () -> w.w1TrainDl4j(mlp), () -> w.w1TrainKeras(kmlp), r, dl4j, keras, Metric.W1_TRAIN);
        alternate(reps, () -> w.w1InferDl4j(mlp), () -> w.w1InferKeras(kmlp), r, dl4j, keras, Metric.W1_INFER);
        MultiLayerNetwork tiny = Workloads.dl4jTiny(seed);
        Sequential ktiny = Workloads.kerasTiny();
        sameStart(tiny, ktiny);
        w.warmUpW4(tiny, ktiny);
        progress("  W4 tiny batches");
        alternate(reps, () -> w.w4TrainDl4j(tiny), () -> w.w4TrainKeras(ktiny), r, dl4j, keras, Metric.W4_TRAIN);
        alternate(reps, () -> w.w4InferDl4j(tiny), () -> w.w4InferKeras(ktiny), r, dl4j, keras, Metric.W4_INFER);
        CnnWorkload w2 = new CnnWorkload(w2Samples, seed);
        MultiLayerNetwork cnn = CnnWorkload.dl4jCnn(seed);
        Sequential kcnn = CnnWorkload.kerasCnn();
        sameStart(cnn, kcnn);
        w2.warmUp(cnn, kcnn);
        progress("  W2 CNN");
        alternate(reps, () -> w2.trainDl4j(cnn), () -> w2.trainKeras(kcnn), r, dl4j, keras, Metric.W2_TRAIN);
        alternate(reps, () -> w2.inferDl4j(cnn), () -> w2.inferKeras(kcnn), r, dl4j, keras, Metric.W2_INFER);
        w3(w3Samples, reps, seed, r);
        w7(extra.w7Samples(), reps, seed, r);
        w8(extra.w8Samples(), reps, seed, r);
        w9(extra.w9Batches(), reps, seed, r);
        UnsupervisedWorkloads.run(unsup, reps, seed, r);
        progress("  W5 sgemm");
        List<Double> gemm = Workloads.repeat(reps, Workloads.sgemm(sizes.gemmN(), seed));
        r.addAll(dl4j, Metric.W5_SGEMM, gemm);
        r.addAll(keras, Metric.W5_SGEMM, gemm);
        r.info(keras, "peak_rss_mb", Machine.peakRssMb());
        r.info(keras, "report", Backend.report());
        return r;
    }

    /** The worker of {@code --only}: those workloads, hand-written DL4J and keras4j alternating, tuned. */
    static Results runOnly(List<String> workloads, int w3Samples, Extra extra, int reps, long seed,
                           UnsupervisedOptions unsup) {
        Backend.configure();
        HandLoop.guardMemory();
        Results r = new Results();
        for (String w : workloads) {
            switch (w) {
                case "w3" -> w3(w3Samples, reps, seed, r);
                case "w7" -> w7(extra.w7Samples(), reps, seed, r);
                case "w8" -> w8(extra.w8Samples(), reps, seed, r);
                case "w9" -> w9(extra.w9Batches(), reps, seed, r);
                case "w10" -> UnsupervisedWorkloads.w10(unsup, reps, seed, r);
                case "r1" -> RbmWorkload.run(unsup, seed, r);
                default -> throw new IllegalArgumentException("--only takes " + ALONE.keySet() + ", got " + w);
            }
        }
        r.info(ResultsTable.KERAS4J, "peak_rss_mb", Machine.peakRssMb());
        r.info(ResultsTable.KERAS4J, "report", Backend.report());
        return r;
    }

    /** W7 into {@code r}: the hand-written graph and the functional model from the same weights, ABBA. */
    private static void w7(int samples, int reps, long seed, Results r) {
        ResidualWorkload w7 = new ResidualWorkload(samples, seed);
        ComputationGraph graph = ResidualWorkload.dl4jResNet(seed);
        Keras.setRandomSeed(seed);
        Functional model = ResidualWorkload.kerasResNet();
        ResidualWorkload.sameStart(graph, model);
        w7.warmUp(graph, model);
        progress("  W7 residual CNN");
        alternate(reps, () -> w7.trainDl4j(graph), () -> w7.trainKeras(model), r, ResultsTable.DL4J_TUNED,
                ResultsTable.KERAS4J, Metric.W7_TRAIN);
    }

    /** W3 into {@code r}: the LSTM classifier by hand in DL4J and in keras4j, from the same weights, ABBA. */
    private static void w3(int samples, int reps, long seed, Results r) {
        LstmWorkload w3 = new LstmWorkload(samples, seed);
        MultiLayerNetwork lstm = LstmWorkload.dl4jLstm(seed);
        Keras.setRandomSeed(seed);
        Sequential klstm = LstmWorkload.kerasLstm();
        sameStart(lstm, klstm);
        w3.warmUp(lstm, klstm);
        progress("  W3 LSTM");
        alternate(reps, () -> w3.trainDl4j(lstm), () -> w3.trainKeras(klstm), r, ResultsTable.DL4J_TUNED,
                ResultsTable.KERAS4J, Metric.W3_TRAIN);
    }

    /** W8 into {@code r}: keras4j's GRU (no DL4J side: DL4J has no GRU). */
    private static void w8(int samples, int reps, long seed, Results r) {
        GruWorkload w8 = new GruWorkload(samples, seed);
        Keras.setRandomSeed(seed);
        Sequential model = GruWorkload.kerasGru();
        w8.warmUp(model);
        progress("  W8 GRU");
        r.addAll(ResultsTable.KERAS4J, Metric.W8_TRAIN, Workloads.repeat(reps, () -> w8.trainKeras(model)));
    }

    /** W9 into {@code r}: the language-model step by hand in DL4J and in keras4j, from the same weights, ABBA. */
    private static void w9(int batches, int reps, long seed, Results r) {
        LanguageModelWorkload w9 = new LanguageModelWorkload(batches, seed);
        MultiLayerNetwork hand = LanguageModelWorkload.dl4jModel(seed);
        Keras.setRandomSeed(seed);
        Sequential model = LanguageModelWorkload.kerasModel();
        sameStart(hand, model);
        w9.warmUp(hand, model);
        progress("  W9 language model");
        alternate(reps, () -> w9.trainDl4j(hand), () -> w9.trainKeras(model), r, ResultsTable.DL4J_TUNED,
                ResultsTable.KERAS4J, Metric.W9_TRAIN);
    }

    /**
     * Starts the hand-written network from the keras4j model's initial weights when they have as
     * many parameters (always, here: the same layers): how fast a step runs can depend on the
     * values (saturated units, denormal floats), so both sides train from the same start.
     */
    private static void sameStart(MultiLayerNetwork hand, Sequential model) {
        if (hand.numParams() == model.network().numParams()) {
            hand.setParams(model.network().params());
        }
    }

    /** ABBA order: drift in machine load hits both sides alike. */
    static void alternate(int reps, DoubleSupplier a, DoubleSupplier b, Results r, String va, String vb,
                                  Metric m) {
        for (int i = 0; i < reps; i++) {
            if (i % 2 == 0) {
                r.add(va, m, a.getAsDouble());
                r.add(vb, m, b.getAsDouble());
            } else {
                r.add(vb, m, b.getAsDouble());
                r.add(va, m, a.getAsDouble());
            }
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
        System.err.println(String.format(Locale.ROOT, "[benchmark %tT] %s", System.currentTimeMillis(), msg));
    }
}
