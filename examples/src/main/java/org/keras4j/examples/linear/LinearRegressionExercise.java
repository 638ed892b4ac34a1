package org.keras4j.examples.linear;

import java.io.PrintWriter;
import java.util.List;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The course's 1-D linear regression by gradient descent: fit {@code y = w x + b} to
 * {@code y = -3x + 1 + noise} with mini-batch SGD and recover the slope and the bias.
 *
 * <pre>{@code
 * ./keras4j run linear-regression
 * }</pre>
 */
public final class LinearRegressionExercise implements Exercise {
    @Override
    public String name() {
        return "linear-regression";
    }

    @Override
    public String title() {
        return "1-D linear regression by gradient descent: recover y = -3x + 1 from noisy data";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        Keras.setRandomSeed(0);
        INDArray x = Nd4j.arange(-3, 3, 0.1).castTo(DataType.FLOAT).reshape(-1, 1);   // as torch.arange(-3, 3, 0.1)
        INDArray y = x.mul(-3).add(1).add(Nd4j.randn(DataType.FLOAT, x.shape()).mul(0.1));

        Sequential model = new Sequential(new Input(1), new Dense(1));
        model.compile(new SGD(0.1), "mse");
        model.fit(x, y, FitOptions.defaults().epochs(30).batchSize(10).verbose(0));

        List<INDArray> w = model.getWeights();   // Keras's get_weights(): kernel [1, 1], bias [1]
        double slope = w.get(0).getDouble(0, 0);
        double bias = w.get(1).getDouble(0);
        out.printf("learned y = %.4f x + %.4f   (true: y = -3x + 1)%n", slope, bias);
        return ExerciseResult.of("slope", slope, String.format(java.util.Locale.ROOT, "w=%.3f b=%.3f", slope, bias))
                .withPassed(Math.abs(slope + 3) < 0.1 && Math.abs(bias - 1) < 0.1);
    }
}
