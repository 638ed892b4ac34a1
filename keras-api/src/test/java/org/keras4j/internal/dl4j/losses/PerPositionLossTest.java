package org.keras4j.internal.dl4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keras4j.activations.Activations;
import org.keras4j.internal.dl4j.Dl4jLosses;
import org.keras4j.losses.Loss;
import org.keras4j.losses.Losses;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras's reduction for {@code [2, 3, 4]} outputs: the loss per position, averaged over positions and batch. */
class PerPositionLossTest {
    private static final long BATCH = 2;
    private static final long STEPS = 3;
    private static final long UNITS = 4;

    /** Pre-activations of a [2, 3, 4] output, flattened per example as DL4J holds it. */
    private static INDArray preOutput() {
        Nd4j.getRandom().setSeed(7);
        return Nd4j.rand(DataType.DOUBLE, BATCH, STEPS * UNITS).subi(0.5).muli(3);
    }

    /** One-hot labels for classes {@code classes[b][t]}. */
    private static INDArray oneHot(int[][] classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, BATCH, STEPS * UNITS);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                y.putScalar(b, t * UNITS + classes[b][t], 1.0);
            }
        }
        return y;
    }

    private static final int[][] CLASSES = {{0, 3, 1}, {2, 2, 0}};

    private static INDArray labelsFor(String loss) {
        if (loss.startsWith("sparse")) {
            INDArray y = Nd4j.zeros(DataType.DOUBLE, BATCH, STEPS);
            for (int b = 0; b < BATCH; b++) {
                for (int t = 0; t < STEPS; t++) {
                    y.putScalar(b, t, CLASSES[b][t]);
                }
            }
            return y;
        }
        if (loss.equals("hinge") || loss.equals("cosine_similarity") || loss.equals("mse")) {
            Nd4j.getRandom().setSeed(3);
            return Nd4j.rand(DataType.DOUBLE, BATCH, STEPS * UNITS).subi(0.5);
        }
        if (loss.equals("kl_divergence")) {
            INDArray y = Nd4j.rand(DataType.DOUBLE, BATCH * STEPS, UNITS).addi(0.1);
            return y.diviColumnVector(y.sum(true, 1)).reshape(BATCH, STEPS * UNITS);
        }
        return oneHot(CLASSES);
    }

    private static PerPositionLoss lossFor(String name, String activation) {
        Dl4jLosses.Fused fused = Dl4jLosses.fuse(Losses.get(name), Activations.get(activation), UNITS);
        return new PerPositionLoss(fused.loss(), UNITS);
    }

    private static IActivation activationFor(String name, String activation) {
        return new PerPositionActivation(Dl4jLosses.fuse(Losses.get(name), Activations.get(activation), UNITS).activation(),
                UNITS);
    }

    @Test
    void categoricalCrossentropy_matchesHandComputedMeanOverPositions() {
        // one row per position: logits [b, t, :]; loss = -log softmax(z)[class], then the mean of the 6 values
        INDArray z = preOutput();
        double sum = 0;
        double[] perExample = new double[(int) BATCH];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                double norm = 0;
                for (int k = 0; k < UNITS; k++) {
                    norm += Math.exp(z.getDouble(b, t * UNITS + k));
                }
                double term = -(z.getDouble(b, t * UNITS + CLASSES[b][t]) - Math.log(norm));
                sum += term;
                perExample[b] += term / STEPS;
            }
        }
        PerPositionLoss loss = lossFor("categorical_crossentropy", "softmax");
        IActivation softmax = activationFor("categorical_crossentropy", "softmax");
        INDArray y = oneHot(CLASSES);
        assertEquals(sum / (BATCH * STEPS), loss.computeScore(y, z, softmax, null, true), 1e-9);
        INDArray scores = loss.computeScoreArray(y, z, softmax, null);
        assertEquals(perExample[0], scores.getDouble(0), 1e-9);
        assertEquals(perExample[1], scores.getDouble(1), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"categorical_crossentropy, softmax", "sparse_categorical_crossentropy, softmax",
            "kl_divergence, softmax", "cosine_similarity, linear", "hinge, tanh", "mse, linear",
            "binary_crossentropy, sigmoid", "categorical_crossentropy, linear"})
    void reducingLoss_equalsKerasFormulaPerPositionAveraged(String name, String activation) {
        INDArray z = preOutput();
        INDArray y = labelsFor(name);
        Loss formula = Losses.get(name);
        IActivation act = activationFor(name, activation);
        INDArray a = act.getActivation(z.dup(), false);
        long labelWidth = y.size(1) / STEPS;
        double sum = 0;
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                INDArray yRow = y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(t * labelWidth, (t + 1) * labelWidth))
                        .reshape(1, labelWidth);
                INDArray aRow = a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(t * UNITS, (t + 1) * UNITS)).reshape(1, UNITS);
                sum += formula.call(yRow, aRow).getDouble(0);
            }
        }
        double keras = sum / (BATCH * STEPS);
        assertEquals(keras, lossFor(name, activation).computeScore(y, z, act, null, true), 1e-6, name);
    }

    @ParameterizedTest
    @CsvSource({"categorical_crossentropy, softmax", "sparse_categorical_crossentropy, softmax",
            "kl_divergence, softmax", "cosine_similarity, linear", "hinge, tanh", "mse, linear",
            "categorical_crossentropy, sigmoid"})
    void gradient_matchesFiniteDifferences(String name, String activation) {
        INDArray z = preOutput();
        INDArray y = labelsFor(name);
        INDArray mask = Nd4j.createFromArray(0.5, 2.0).reshape(BATCH, 1);
        PerPositionLoss loss = lossFor(name, activation);
        IActivation act = activationFor(name, activation);
        INDArray grad = loss.computeGradient(y, z.dup(), act, mask);
        double h = 1e-6;
        for (long i = 0; i < z.length(); i++) {
            INDArray plus = z.dup();
            INDArray minus = z.dup();
            plus.putScalar(i, plus.getDouble(i) + h);
            minus.putScalar(i, minus.getDouble(i) - h);
            double numeric = (loss.computeScore(y, plus, act, mask, false) - loss.computeScore(y, minus, act, mask, false))
                    / (2 * h);
            assertEquals(numeric, grad.getDouble(i), 1e-5, name + " element " + i);
        }
    }

    @Test
    void sampleWeight_weightsEveryPositionOfItsExample() {
        INDArray z = preOutput();
        INDArray y = oneHot(CLASSES);
        PerPositionLoss loss = lossFor("categorical_crossentropy", "softmax");
        IActivation act = activationFor("categorical_crossentropy", "softmax");
        INDArray plain = loss.computeScoreArray(y, z, act, null);
        INDArray weighted = loss.computeScoreArray(y, z, act, Nd4j.createFromArray(0.0, 3.0).reshape(BATCH, 1));
        assertEquals(0.0, weighted.getDouble(0), 1e-12);
        assertEquals(3 * plain.getDouble(1), weighted.getDouble(1), 1e-9);
    }

    @Test
    void activation_appliesSoftmaxToEachPosition() {
        INDArray z = preOutput();
        INDArray a = activationFor("categorical_crossentropy", "softmax").getActivation(z.dup(), false);
        INDArray perPosition = a.reshape(BATCH * STEPS, UNITS).sum(1);
        assertTrue(perPosition.equalsWithEps(Nd4j.ones(DataType.DOUBLE, BATCH * STEPS), 1e-9), perPosition.toString());
    }

    @Test
    void perOutputMask_throws() {
        INDArray z = preOutput();
        PerPositionLoss loss = lossFor("mse", "linear");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.computeScore(z, z,
                activationFor("mse", "linear"), Nd4j.ones(DataType.DOUBLE, BATCH, STEPS * UNITS), true));
        assertTrue(e.getMessage().contains("one weight per example"), e.getMessage());
    }

    @Test
    void units_notPositive_throws() {
        assertThrows(IllegalArgumentException.class, () -> new PerPositionLoss(lossFor("mse", "linear"), 0));
    }
}
