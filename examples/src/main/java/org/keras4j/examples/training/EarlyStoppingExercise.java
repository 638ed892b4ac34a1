package org.keras4j.examples.training;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.EarlyStopping;
import org.keras4j.callbacks.History;
import org.keras4j.examples.Checks;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.Adam;
import org.keras4j.training.TrainingCurves;

/**
 * Early stopping on an over-fitting MLP: a 1-128-128-1 network fits 30 noisy samples of
 * {@code sin(3x)}; the training loss keeps falling while the validation loss turns up.
 * {@code EarlyStopping(val_loss, patience 100, restoreBestWeights)} stops the run and puts back the
 * weights of the epoch with the lowest validation loss. The curves go to {@code early-stopping.png}.
 *
 * <pre>{@code
 * ./keras4j run early-stopping
 * }</pre>
 */
public final class EarlyStoppingExercise implements Exercise {
    static final int MAX_EPOCHS = 1000;

    @Override
    public String name() {
        return "early-stopping";
    }

    @Override
    public String title() {
        return "Early stopping with restore-best-weights on an over-fitting MLP";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        SyntheticData.Split data = SyntheticData.noisySine(30, 100, 0.3, 1);
        Keras.setRandomSeed(42);
        Sequential model = new Sequential(new Input(1), new Dense(128, "relu"), new Dense(128, "relu"), new Dense(1));
        model.compile(new Adam(0.01), "mse");
        EarlyStopping stop = new EarlyStopping("val_loss").withPatience(100).withRestoreBestWeights(true);
        History h = model.fit(data.x(), data.y(), FitOptions.defaults().epochs(MAX_EPOCHS).batchSize(30).verbose(0)
                .validationData(data.xVal(), data.yVal()).callbacks(stop));

        List<Double> val = h.get("val_loss");
        List<Double> loss = h.get("loss");
        int best = stop.bestEpoch();
        int last = h.size() - 1;
        double restored = model.evaluate(data.xVal(), data.yVal()).get("loss");
        Path png = TrainingCurves.plot(h, OutputFiles.path("early-stopping.png"), "early stopping");
        out.printf(Locale.ROOT, "trained %d of %d epochs; lowest val_loss %.4f at epoch %d; last epoch: loss %.4f,"
                + " val_loss %.4f%n", h.size(), MAX_EPOCHS, val.get(best), best + 1, loss.get(last), val.get(last));
        out.println("curves: " + png.toAbsolutePath());

        Checks checks = new Checks(out);
        checks.that("stopped before the epoch limit", h.size() + " epochs", h.size() < MAX_EPOCHS);
        checks.that("training loss kept falling after the best epoch", String.format(Locale.ROOT, "%.4f -> %.4f",
                loss.get(best), loss.get(last)), loss.get(last) < loss.get(best));
        checks.that("validation loss turned up after the best epoch", String.format(Locale.ROOT, "%.4f -> %.4f",
                val.get(best), val.get(last)), val.get(last) > val.get(best));
        checks.close("restored model's val_loss = best epoch's", restored, val.get(best), 1e-5);
        return Summaries.add(checks.result("checks passed"), String.format(Locale.ROOT,
                "best epoch %d of %d, val_loss %.4f", best + 1, h.size(), val.get(best)));
    }
}
