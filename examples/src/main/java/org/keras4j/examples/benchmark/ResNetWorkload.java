package org.keras4j.examples.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.keras4j.FitOptions;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.backend.Backend;
import org.keras4j.models.zoo.ApplicationOptions;
import org.keras4j.models.zoo.Npz;
import org.keras4j.models.zoo.ResNet;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * R18, {@code Benchmark --only r18}: {@link ResNet#resnet18()} (224 x 224 x 3, 1000 classes) against torchvision's
 * {@code resnet18} ({@code benchmark/torchvision_bench.py}, Debian's {@code python3-torchvision}): inference on a batch
 * of 16 ({@code predict}) and one training step on it ({@code fit} of one batch; sparse categorical cross-entropy,
 * SGD 0.01 with momentum 0.9), ms per batch, medians after two warm-up calls. DL4J 1.0.0-M2.1 has no ResNet18 to write
 * by hand against (its zoo has ResNet50), so there is no DL4J column.
 *
 * <p>Before timing, an agreement check: torchvision's script writes a seeded resnet18 with randomized BatchNorm
 * statistics as {@code .npz}, two images and its logits; keras4j's ResNet18 loads those weights
 * ({@code weights(...npz)}) and must give the same logits (the largest difference is reported). PyTorch runs after
 * keras4j, never beside it. Without torchvision the table says so and shows keras4j alone.
 *
 * <pre>{@code
 * java -cp ... org.keras4j.examples.benchmark.Benchmark --only r18 --reps 5
 * }</pre>
 */
final class ResNetWorkload {
    /** The {@code --only} name. */
    static final String NAME = "r18";
    static final int BATCH = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResNetWorkload() {
    }

    /** The keras4j model as timed: ResNet18 with its softmax top, compiled with SGD and cross-entropy. */
    static Functional kerasResNet18() {
        Functional model = ResNet.resnet18();
        model.compile(new SGD(0.01, 0.9), "sparse_categorical_crossentropy");
        return model;
    }

    /** keras4j's medians: {@code [inference ms, training-step ms]}, with every repetition in {@code reps}. */
    static double[] timeKeras(int reps, long seed, Map<String, List<Double>> all) {
        Keras.setRandomSeed(seed);
        Functional model = kerasResNet18();
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 224, 224, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, BATCH, 1).muli(1000).castTo(DataType.INT32).castTo(DataType.FLOAT);
        FitOptions step = FitOptions.defaults().epochs(1).batchSize(BATCH).shuffle(false).verbose(0);
        List<Double> infer = Workloads.repeat(reps + 2, () -> 1000 * Workloads.seconds(() -> model.predict(x, BATCH)));
        List<Double> train = Workloads.repeat(reps + 2, () -> 1000 * Workloads.seconds(() -> model.fit(x, y, step)));
        all.put("keras4j R18_infer", infer.subList(2, infer.size()));
        all.put("keras4j R18_train", train.subList(2, train.size()));
        return new double[] {Results.median(infer.subList(2, infer.size())),
                Results.median(train.subList(2, train.size()))};
    }

    /**
     * The largest absolute difference between keras4j's logits and torchvision's for the exported weights and
     * images, and the largest logit's size for scale.
     */
    static double[] agreement(Path exported) {
        Functional model = ResNet.resnet18(ApplicationOptions.defaults().classifierActivation("linear")
                .weights(exported.resolve("resnet18.npz")));
        INDArray images = Npz.readArray(exported.resolve("check.npz"), "input", 2, 224, 224, 3);
        INDArray expected = Npz.readArray(exported.resolve("check.npz"), "output", 2, 1000);
        INDArray actual = model.predict(images, 2);
        return new double[] {actual.sub(expected).amaxNumber().doubleValue(), expected.amaxNumber().doubleValue()};
    }

    /**
     * The whole R18 run: keras4j, then the agreement check and torchvision's timing in {@code python}; prints the
     * table and writes it to {@code out} when given.
     */
    static int run(int reps, long seed, String python, Path out) throws IOException, InterruptedException {
        Backend.configure();
        Map<String, String> notes = new LinkedHashMap<>();
        Map<String, List<Double>> all = new LinkedHashMap<>();
        progress("R18 keras4j (ResNet18, batch " + BATCH + ") ...");
        double[] keras = timeKeras(reps, seed, all);
        double[] torch = {Double.NaN, Double.NaN};
        List<String> candidates = python != null ? List.of(python) : List.of("python3", "/usr/bin/python3");
        Optional<String> py = PyTorchRunner.findPython(candidates, "torchvision");
        if (py.isEmpty()) {
            notes.put("torchvision", "MISSING: not run, none of " + candidates + " can import torchvision (Debian: "
                    + "apt-get install python3-torchvision); only keras4j's times are shown");
        } else {
            Path exported = Files.createTempDirectory("keras4j-r18");
            try {
                progress("R18 torchvision (" + py.get() + ") ...");
                String json = PyTorchRunner.json(py.get(), Benchmark.benchmarkDir().resolve("torchvision_bench.py"),
                        List.of("--reps", String.valueOf(reps), "--batch", String.valueOf(BATCH), "--seed",
                                String.valueOf(seed), "--export", exported.toString()));
                JsonNode root = JSON.readTree(json);
                torch[0] = median(root.at("/results/pytorch/R18_infer"), "torchvision R18_infer", all);
                torch[1] = median(root.at("/results/pytorch/R18_train"), "torchvision R18_train", all);
                root.at("/info/pytorch").fields().forEachRemaining(e -> notes.put("torchvision " + e.getKey(),
                        e.getValue().asText()));
                double[] diff = agreement(exported);
                notes.put("agreement", String.format(Locale.ROOT, "keras4j's ResNet18 with torchvision's weights"
                        + " (randomized BatchNorm statistics, via weights(resnet18.npz)) gives torchvision's logits within"
                        + " %.2g on 2 images (largest logit %.3g)", diff[0], diff[1]));
            } finally {
                try (var files = Files.list(exported)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(exported);
            }
        }
        notes.put("load average at end", Machine.loadAverage());
        notes.put("ND4J in the keras4j JVM", Backend.report());
        String md = render(keras, torch, reps, notes, all);
        if (out != null) {
            Benchmark.writeAtomically(out, md);
            progress("wrote " + out.toAbsolutePath());
        }
        System.out.println(md);
        return 0;
    }

    private static double median(JsonNode values, String key, Map<String, List<Double>> all) {
        List<Double> xs = new ArrayList<>();
        values.forEach(v -> xs.add(v.asDouble()));
        all.put(key, xs);
        return Results.median(xs);
    }

    static String render(double[] keras, double[] torch, int reps, Map<String, String> notes,
                         Map<String, List<Double>> all) {
        StringBuilder md = new StringBuilder("# keras4j benchmark: ResNet18\n\n");
        md.append("Medians of ").append(reps).append(" timed repetitions after two warm-up calls; ratios are time ")
                .append("ratios keras4j / torchvision (above 1 keras4j is slower). DL4J has no ResNet18 to write by ")
                .append("hand (its zoo has ResNet50), so there is no DL4J column.\n\n");
        md.append("| workload | unit | keras4j | torchvision | keras4j / torchvision |\n|---|---|--:|--:|--:|\n");
        String[] labels = {"R18 ResNet18 inference, batch " + BATCH + " of 224x224x3",
                "R18 ResNet18 training step (cross-entropy, SGD momentum 0.9), batch " + BATCH};
        for (int i = 0; i < 2; i++) {
            md.append("| ").append(labels[i]).append(" | ms | ").append(format(keras[i])).append(" | ")
                    .append(format(torch[i])).append(" | ")
                    .append(Double.isNaN(torch[i]) ? "–" : String.format(Locale.ROOT, "%.2f", keras[i] / torch[i]))
                    .append(" |\n");
        }
        md.append("\n## Machine and settings\n\n");
        notes.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v.contains("\n")
                ? "\n\n```\n" + v.strip() + "\n```\n" : v + "\n"));
        md.append("\n## All repetitions (ms)\n\n");
        all.forEach((k, v) -> md.append("- ").append(k).append(": ")
                .append(v.stream().map(ResNetWorkload::format).toList()).append('\n'));
        return md.toString();
    }

    private static String format(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%,.0f", ms);
    }

    private static void progress(String msg) {
        System.err.println(String.format(Locale.ROOT, "[benchmark %tT] %s", System.currentTimeMillis(), msg));
    }
}
