package org.keras4j.examples.training;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.examples.Checks;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.initializers.Initializer;
import org.keras4j.initializers.Initializers;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.Adam;
import org.keras4j.training.TrainingCurves;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight initialisation and the symmetric-weights problem: a 2-8-8-1 ReLU network classifies two
 * concentric rings, with every kernel initialised to the same constant, to small random values
 * (Keras's {@code RandomUniform}, ±0.05), or with He normal. With identical weights every hidden
 * unit computes the same function and receives the same gradient, so they stay identical: the
 * network is no better than one with a single hidden unit per layer and cannot draw a ring.
 * Loss curves: {@code weight-init.png}.
 *
 * <pre>{@code
 * ./keras4j run weight-init
 * }</pre>
 */
public final class WeightInitExercise implements Exercise {
    @Override
    public String name() {
        return "weight-init";
    }

    @Override
    public String title() {
        return "Weight initialisation: all-same vs random vs He (the symmetry problem)";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        SyntheticData.Split data = SyntheticData.circles(400, 200, 2);
        Map<String, Initializer> inits = new LinkedHashMap<>();
        inits.put("all 0.5", Initializers.constant(0.5));
        inits.put("random uniform", Initializers.randomUniform(-0.05, 0.05));
        inits.put("he normal", Initializers.heNormal());
        Map<String, History> runs = new LinkedHashMap<>();
        Map<String, Double> accuracy = new LinkedHashMap<>();
        double symmetry = Double.NaN;
        for (Map.Entry<String, Initializer> e : inits.entrySet()) {
            Keras.setRandomSeed(42);
            Sequential model = new Sequential(new Input(2),
                    new Dense(8, "relu").withKernelInitializer(e.getValue()),
                    new Dense(8, "relu").withKernelInitializer(e.getValue()),
                    new Dense(1, "sigmoid").withKernelInitializer(e.getValue()));
            model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
            runs.put(e.getKey(), model.fit(data.x(), data.y(), FitOptions.defaults().epochs(60).batchSize(50).verbose(0)
                    .validationData(data.xVal(), data.yVal())));
            accuracy.put(e.getKey(), model.evaluate(data.xVal(), data.yVal()).get("accuracy"));
            if (symmetry != symmetry) {
                symmetry = columnSpread(model);
            }
            out.printf(Locale.ROOT, "%-15s validation accuracy %.3f%n", e.getKey(), accuracy.get(e.getKey()));
        }
        Path png = TrainingCurves.compare(runs, "val_loss", OutputFiles.path("weight-init.png"));
        out.println("curves: " + png.toAbsolutePath());

        Checks checks = new Checks(out);
        checks.close("all-same init: hidden units still identical after training (max column difference)", symmetry,
                0.0, 1e-6);
        checks.that("all-same init cannot separate the rings (accuracy < 0.75)", accuracy.get("all 0.5"),
                accuracy.get("all 0.5") < 0.75);
        checks.that("He normal separates them (accuracy > 0.95)", accuracy.get("he normal"),
                accuracy.get("he normal") > 0.95);
        checks.that("random uniform separates them (accuracy > 0.9)", accuracy.get("random uniform"),
                accuracy.get("random uniform") > 0.9);
        return Summaries.add(checks.result("checks passed"), String.format(Locale.ROOT,
                "accuracy: all-same %.3f, random %.3f, He %.3f", accuracy.get("all 0.5"), accuracy.get("random uniform"),
                accuracy.get("he normal")));
    }

    /** The largest difference between any hidden unit's incoming weights and the first unit's, first layer. */
    private static double columnSpread(Sequential model) {
        INDArray w = model.getLayer(0).getWeights().get(0); // the first Dense kernel, [inputs, units]
        INDArray first = w.getColumn(0).reshape(w.size(0), 1);
        return w.sub(first.broadcast(w.shape())).amaxNumber().doubleValue();
    }
}
