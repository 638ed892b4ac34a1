package org.keras4j.examples.mlp;

import java.util.ArrayList;
import java.util.List;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.datasets.Split;
import org.keras4j.datasets.StandardScaler;
import org.keras4j.datasets.TabularData;
import org.keras4j.datasets.TrainTest;
import org.keras4j.models.zoo.CourseMlp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The concrete-strength regression of the course's Keras assignment: an MLP of ReLU layers
 * ({@link CourseMlp#concreteRegression}), Adam, mean squared error, repeated over seeded 70/30 splits; the result is the mean and
 * standard deviation of the test MSE in the original units (MPa²).
 *
 * <pre>{@code
 * ConcreteExperiment.Result r = new ConcreteExperiment(List.of(10, 10, 10), 50, true).run(Concrete.load(), 5);
 * }</pre>
 *
 * @param hiddenUnits units of each hidden ReLU layer
 * @param epochs training epochs (batch size 32, Keras's default)
 * @param standardize standardize the inputs with statistics of the training split only
 */
public record ConcreteExperiment(List<Integer> hiddenUnits, int epochs, boolean standardize) {

    /** Mean and standard deviation of the test MSE over the repetitions. */
    public record Result(double mean, double std, List<Double> mses) {
    }

    /** Runs {@code repetitions} splits with seeds 0, 1, …. */
    public Result run(TabularData data, int repetitions) {
        List<Double> mses = new ArrayList<>();
        for (int seed = 0; seed < repetitions; seed++) {
            mses.add(testMse(data, seed));
        }
        double mean = mses.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double var = mses.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum() / mses.size();
        return new Result(mean, Math.sqrt(var), mses);
    }

    /** One split: train on 70 %, return the MSE on the other 30 %. */
    public double testMse(TabularData data, long seed) {
        TrainTest<TabularData> split = Split.trainTest(data, 0.3, seed);
        INDArray xTrain = split.train().x();
        INDArray xTest = split.test().x();
        if (standardize) {
            StandardScaler scaler = new StandardScaler().fit(xTrain);
            xTrain = scaler.transform(xTrain);
            xTest = scaler.transform(xTest);
        }
        Keras.setRandomSeed(seed);
        Sequential model = CourseMlp.concreteRegression(data.numFeatures(),
                hiddenUnits.stream().mapToInt(Integer::intValue).toArray());
        model.compile("adam", "mean_squared_error");
        model.fit(xTrain, split.train().y(), FitOptions.defaults().epochs(epochs).verbose(0));
        return model.evaluate(xTest, split.test().y()).get("loss");
    }
}
