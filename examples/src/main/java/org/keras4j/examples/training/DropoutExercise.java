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
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.optimizers.Adam;
import org.keras4j.training.TrainingCurves;

/**
 * Dropout against over-fitting: the same 1-128-128-1 network on 30 noisy samples of
 * {@code sin(3x)}, trained 600 epochs without and with {@code Dropout(0.5)} after each hidden
 * layer. Without dropout it memorises the noise (training loss far below validation loss); with
 * dropout the gap and the final validation loss are smaller. Validation curves:
 * {@code dropout.png}.
 *
 * <pre>{@code
 * ./keras4j run dropout
 * }</pre>
 */
public final class DropoutExercise implements Exercise {
    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public String title() {
        return "Dropout vs no dropout on an over-fitting MLP";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        SyntheticData.Split data = SyntheticData.noisySine(30, 100, 0.3, 1);
        Map<String, History> runs = new LinkedHashMap<>();
        Map<String, Double> trainLoss = new LinkedHashMap<>();
        for (double rate : new double[] {0.0, 0.5}) {
            Keras.setRandomSeed(42);
            Sequential model = rate == 0
                    ? new Sequential(new Input(1), new Dense(128, "relu"), new Dense(128, "relu"), new Dense(1))
                    : new Sequential(new Input(1), new Dense(128, "relu"), new Dropout(rate), new Dense(128, "relu"),
                            new Dropout(rate), new Dense(1));
            model.compile(new Adam(0.01), "mse");
            String label = rate == 0 ? "no dropout" : "dropout " + rate;
            runs.put(label, model.fit(data.x(), data.y(), FitOptions.defaults().epochs(600).batchSize(30).verbose(0)
                    .validationData(data.xVal(), data.yVal())));
            // the training loss of the final weights, in inference mode (no units dropped)
            trainLoss.put(label, model.evaluate(data.x(), data.y()).get("loss"));
        }
        Path png = TrainingCurves.compare(runs, "val_loss", OutputFiles.path("dropout.png"));
        double plainVal = runs.get("no dropout").last("val_loss");
        double dropVal = runs.get("dropout 0.5").last("val_loss");
        double plainGap = plainVal - trainLoss.get("no dropout");
        double dropGap = dropVal - trainLoss.get("dropout 0.5");
        out.printf(Locale.ROOT, "no dropout:  train %.4f  val %.4f%n", trainLoss.get("no dropout"), plainVal);
        out.printf(Locale.ROOT, "dropout 0.5: train %.4f  val %.4f%n", trainLoss.get("dropout 0.5"), dropVal);
        out.println("curves: " + png.toAbsolutePath());

        Checks checks = new Checks(out);
        checks.that("without dropout the network over-fits (val loss > 1.5 x train loss)",
                String.format(Locale.ROOT, "%.4f vs %.4f", plainVal, trainLoss.get("no dropout")),
                plainVal > 1.5 * trainLoss.get("no dropout"));
        checks.that("dropout narrows the train/validation gap", String.format(Locale.ROOT, "%.4f < %.4f", dropGap,
                plainGap), dropGap < plainGap);
        checks.that("dropout lowers the final validation loss", String.format(Locale.ROOT, "%.4f < %.4f", dropVal,
                plainVal), dropVal < plainVal);
        return Summaries.add(checks.result("checks passed"), String.format(Locale.ROOT,
                "val_loss %.4f without, %.4f with dropout", plainVal, dropVal));
    }
}
