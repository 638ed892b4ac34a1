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
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.SGD;
import org.keras4j.training.TrainingCurves;

/**
 * Momentum: the same 1-32-32-1 tanh network fitted to {@code sin(3x)} by SGD with learning rate
 * 0.01, without and with momentum 0.9, from the same initial weights. With momentum the steps
 * build up speed along consistent gradient directions and the loss falls much faster in the same
 * 30 epochs. Training curves: {@code momentum.png}.
 *
 * <pre>{@code
 * ./keras4j run momentum
 * }</pre>
 */
public final class MomentumExercise implements Exercise {
    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public String title() {
        return "SGD with momentum 0.9 vs plain SGD";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        SyntheticData.Split data = SyntheticData.noisySine(200, 100, 0.05, 5);
        Map<String, History> runs = new LinkedHashMap<>();
        for (double momentum : new double[] {0.0, 0.9}) {
            Keras.setRandomSeed(42);
            Sequential model = new Sequential(new Input(1), new Dense(32, "tanh"), new Dense(32, "tanh"), new Dense(1));
            model.compile(new SGD(0.01, momentum), "mse");
            runs.put(momentum == 0 ? "plain SGD" : "momentum " + momentum, model.fit(data.x(), data.y(),
                    FitOptions.defaults().epochs(30).batchSize(20).verbose(0).validationData(data.xVal(), data.yVal())));
        }
        Path png = TrainingCurves.compare(runs, "loss", OutputFiles.path("momentum.png"));
        double plain = runs.get("plain SGD").last("loss");
        double withMomentum = runs.get("momentum 0.9").last("loss");
        out.printf(Locale.ROOT, "final training loss: plain SGD %.4f, momentum 0.9 %.4f%n", plain, withMomentum);
        out.println("curves: " + png.toAbsolutePath());

        Checks checks = new Checks(out);
        checks.that("momentum ends at a lower loss", String.format(Locale.ROOT, "%.4f < %.4f", withMomentum, plain),
                withMomentum < plain);
        checks.that("momentum at least halves the loss reached", String.format(Locale.ROOT, "%.2f x", withMomentum / plain),
                withMomentum < 0.5 * plain);
        return Summaries.add(checks.result("checks passed"), String.format(Locale.ROOT,
                "loss %.4f plain, %.4f with momentum", plain, withMomentum));
    }
}
