package org.keras4j.examples.training;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.examples.Checks;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.SGD;
import org.keras4j.training.ModelSelection;
import org.keras4j.training.TrainingCurves;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient-descent lesson on the learning rate: linear regression {@code y = 2 x1 - 3 x2 + 1 +
 * noise} trained by full-batch gradient descent with a rate that is too large (1.5: each step
 * overshoots and the loss explodes), too small (0.0005: it hardly moves in 30 epochs) and about
 * right (0.1). {@code ModelSelection} trains the three on the same split, keeps the lowest
 * validation loss and prints the results table; the validation curves go to
 * {@code learning-rates.png} (log scale).
 *
 * <pre>{@code
 * ./keras4j run learning-rates
 * }</pre>
 */
public final class LearningRateExercise implements Exercise {
    static final double TOO_LARGE = 1.5;
    static final double TOO_SMALL = 0.0005;
    static final double RIGHT = 0.1;

    @Override
    public String name() {
        return "learning-rates";
    }

    @Override
    public String title() {
        return "Learning rate too large / too small / right, compared on one plot";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        INDArray[] train = linear(200, 1);
        INDArray[] val = linear(100, 2);
        ModelSelection.Result<Double> result = ModelSelection.of(List.of(TOO_LARGE, TOO_SMALL, RIGHT), lr -> {
                    Sequential m = new Sequential(new Input(2), new Dense(1));
                    m.compile(new SGD(lr), "mse");
                    return m;
                })
                .withLabels(lr -> "lr=" + lr)
                .withSeed(42)
                .fit(train[0], train[1], val[0], val[1], FitOptions.defaults().epochs(30).batchSize(200).verbose(0));
        out.print(result.table());
        Path png = TrainingCurves.compare(result.histories(), "val_loss", OutputFiles.path("learning-rates.png"));
        out.println("curves: " + png.toAbsolutePath());

        History large = result.trials().get(0).history();
        History small = result.trials().get(1).history();
        History right = result.trials().get(2).history();
        Checks checks = new Checks(out);
        checks.that("too large: the loss grows", range(large), large.last("val_loss") > 100 * large.get("val_loss").get(0));
        checks.that("too small: the loss barely falls", range(small),
                small.last("val_loss") > 0.9 * small.get("val_loss").get(0));
        checks.that("right: the loss falls to the noise level", range(right), right.last("val_loss") < 0.05);
        checks.equal("selected learning rate", result.best().configuration(), RIGHT);
        return Summaries.add(checks.result("checks passed"), String.format(Locale.ROOT, "best lr %s, val_loss %.4f",
                result.best().configuration(), result.best().validationLoss()));
    }

    private static String range(History h) {
        return String.format(Locale.ROOT, "val_loss %.4g -> %.4g", h.get("val_loss").get(0), h.last("val_loss"));
    }

    /** {@code n} samples of {@code y = 2 x1 - 3 x2 + 1 + N(0, 0.1)}, features standard normal. */
    static INDArray[] linear(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][2];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) r.nextGaussian();
            x[i][1] = (float) r.nextGaussian();
            y[i][0] = (float) (2 * x[i][0] - 3 * x[i][1] + 1 + 0.1 * r.nextGaussian());
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y)};
    }
}
