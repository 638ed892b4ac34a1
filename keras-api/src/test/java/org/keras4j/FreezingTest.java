package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keras4j.callbacks.History;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras's {@code trainable = False}: frozen weights stay bit-identical while gradients flow through them. */
class FreezingTest {

    @Test
    void frozenDense_bitIdenticalAfterFit_whileTheOthersMove_onTheJvmPathAndOnNd4j() {
        for (int width : new int[] {8, 256}) { // 8: small enough for the JVM path; 256: ND4J's layers
            Dense first = new Dense(width, "tanh");
            Dense frozen = new Dense(width, "tanh");
            Dense last = new Dense(1);
            Sequential model = new Sequential(new Input(4), first, frozen, last);
            frozen.setTrainable(false);
            model.compile("adam", "mse");
            List<INDArray> before = weights(first, frozen, last);
            fit(model, 4, 1);
            List<INDArray> after = weights(first, frozen, last);
            assertEquals(before.get(2), after.get(2), "width " + width + ": frozen kernel");
            assertEquals(before.get(3), after.get(3), "width " + width + ": frozen bias");
            assertNotEquals(before.get(0), after.get(0), "width " + width + ": first kernel");
            assertNotEquals(before.get(4), after.get(4), "width " + width + ": last kernel");
        }
    }

    @Test
    void gradientsFlowThroughAFrozenLayer_asThroughATrainableOne() {
        Dense a1 = new Dense(6, "tanh");
        Dense a2 = new Dense(5, "sigmoid");
        a2.setTrainable(false);
        Dense a3 = new Dense(1);
        Sequential frozen = new Sequential(new Input(3), a1, a2, a3);
        frozen.compile(new SGD(0.1), "mse");
        Dense b1 = new Dense(6, "tanh");
        Dense b2 = new Dense(5, "sigmoid");
        Dense b3 = new Dense(1);
        Sequential twin = new Sequential(new Input(3), b1, b2, b3);
        twin.compile(new SGD(0.1), "mse");
        b1.setWeights(a1.getWeights());
        b2.setWeights(a2.getWeights());
        b3.setWeights(a3.getWeights());
        List<INDArray> middle = a2.getWeights();

        oneSgdStepOnTheSameBatch(frozen, twin);

        // one step from the same weights: the first and last layers get the same gradients either way
        assertClose(b1.getWeights(), a1.getWeights());
        assertClose(b3.getWeights(), a3.getWeights());
        assertEquals(middle, a2.getWeights());
        assertNotEquals(middle, b2.getWeights());
    }

    @Test
    void frozenBatchNormalization_runsInInferenceMode_itsStatisticsUntouched() {
        Dense first = new Dense(8);
        BatchNormalization bn = new BatchNormalization();
        bn.setTrainable(false);
        Dense last = new Dense(1);
        Sequential model = new Sequential(new Input(4), first, bn, last);
        model.compile("adam", "mse");
        List<INDArray> before = bn.getWeights();
        INDArray firstBefore = first.getWeights().get(0);
        fit(model, 4, 2);
        assertEquals(before, bn.getWeights());
        assertNotEquals(firstBefore, first.getWeights().get(0), "the layer before it still learns through it");
    }

    @Test
    void frozenBatchNormalization_passesGradientsBackAsItsFixedAffineMap() {
        Dense a1 = new Dense(4, "tanh");
        BatchNormalization bn = new BatchNormalization();
        bn.setTrainable(false);
        Dense a3 = new Dense(1);
        Sequential withBn = new Sequential(new Input(3), a1, bn, a3);
        withBn.compile(new SGD(0.1), "mse");
        double[] gamma = {1.5, 0.5, 2, 1};
        double[] beta = {0.1, -0.2, 0.3, 0};
        double[] mean = {0.5, -1, 2, 0};
        double[] variance = {4, 0.25, 1, 2};
        bn.setWeights(List.of(vector(gamma), vector(beta), vector(mean), vector(variance)));

        // the same map as a frozen Dense: kernel diag(gamma / sqrt(var + eps)), bias beta - mean * that
        Dense b1 = new Dense(4, "tanh");
        Dense affine = new Dense(4);
        affine.setTrainable(false);
        Dense b3 = new Dense(1);
        Sequential withDense = new Sequential(new Input(3), b1, affine, b3);
        withDense.compile(new SGD(0.1), "mse");
        double[][] kernel = new double[4][4];
        double[] bias = new double[4];
        for (int i = 0; i < 4; i++) {
            kernel[i][i] = gamma[i] / Math.sqrt(variance[i] + 1e-3);
            bias[i] = beta[i] - mean[i] * kernel[i][i];
        }
        affine.setWeights(List.of(Nd4j.createFromArray(kernel).castTo(DataType.FLOAT), vector(bias)));
        b1.setWeights(a1.getWeights());
        b3.setWeights(a3.getWeights());

        oneSgdStepOnTheSameBatch(withBn, withDense);
        assertClose(b1.getWeights(), a1.getWeights());
        assertClose(b3.getWeights(), a3.getWeights());
    }

    @Test
    void frozenConvolution_frozenLstm_andFrozenOutputLayer_keepTheirWeights() {
        Conv2D conv = new Conv2D(4, 3, "relu");
        Dense head = new Dense(1);
        Sequential cnn = new Sequential(new Input(6, 6, 1), conv, new Flatten(), head);
        conv.setTrainable(false);
        head.setTrainable(false);
        cnn.compile("adam", "mse");
        List<INDArray> convBefore = conv.getWeights();
        List<INDArray> headBefore = head.getWeights();
        cnn.fit(Nd4j.rand(DataType.FLOAT, 32, 6, 6, 1), Nd4j.rand(DataType.FLOAT, 32, 1),
                FitOptions.defaults().epochs(2).batchSize(8).verbose(0));
        assertEquals(convBefore, conv.getWeights());
        assertEquals(headBefore, head.getWeights());

        LSTM lstm = new LSTM(5);
        Dense out = new Dense(1);
        Sequential rnn = new Sequential(new Input(4, 3), lstm, out);
        lstm.setTrainable(false);
        rnn.compile("adam", "mse");
        List<INDArray> lstmBefore = lstm.getWeights();
        INDArray outBefore = out.getWeights().get(0);
        rnn.fit(Nd4j.rand(DataType.FLOAT, 32, 4, 3), Nd4j.rand(DataType.FLOAT, 32, 1),
                FitOptions.defaults().epochs(2).batchSize(8).verbose(0));
        assertEquals(lstmBefore, lstm.getWeights());
        assertNotEquals(outBefore, out.getWeights().get(0));
    }

    @Test
    void aNewLearningRate_doesNotUnfreeze() {
        Dense frozen = new Dense(8, "relu");
        Sequential model = new Sequential(new Input(4), frozen, new Dense(1));
        frozen.setTrainable(false);
        model.compile(new SGD(0.01), "mse");
        List<INDArray> before = frozen.getWeights();
        model.network().setLearningRate(0.5); // what ReduceLROnPlateau and LearningRateScheduler call
        fit(model, 4, 2);
        assertEquals(before, frozen.getWeights());
    }

    @Test
    void compilingAgain_keepsTheWeights_andAppliesAChangedTrainable() {
        Dense base = new Dense(8, "relu");
        Dense head = new Dense(1);
        Sequential model = new Sequential(new Input(4), base, head);
        model.compile("adam", "mse");
        fit(model, 4, 2);
        List<INDArray> trained = weights(base, head);

        base.setTrainable(false);
        model.compile("adam", "mse");
        assertEquals(trained, weights(base, head), "compile keeps the weights, as Keras's");
        fit(model, 4, 2);
        assertEquals(trained.subList(0, 2), base.getWeights());
        assertNotEquals(trained.get(2), head.getWeights().get(0));
    }

    @Test
    void transferLearning_popTheHead_freezeTheBase_trainANewHead() {
        Dense base = new Dense(16, "relu");
        Sequential model = new Sequential(new Input(4), base, new Dense(1));
        model.compile("adam", "mse");
        fit(model, 4, 3);
        List<INDArray> trained = base.getWeights();

        model.pop();
        Dense head = new Dense(3, "softmax");
        model.add(head);
        IllegalStateException stale = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> model.predict(Nd4j.rand(DataType.FLOAT, 2, 4)));
        assertTrue(stale.getMessage().contains("call compile() again"), stale.getMessage());
        base.setTrainable(false);
        model.compile("adam", "categorical_crossentropy");
        assertEquals(trained, base.getWeights(), "the trained base survives the new compile");
        INDArray x = Nd4j.rand(DataType.FLOAT, 96, 4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 96, 3);
        for (int i = 0; i < 96; i++) {
            y.putScalar(i, x.getFloat(i, 0) > 0.5f ? 0 : x.getFloat(i, 1) > 0.5f ? 1 : 2, 1f);
        }
        History history = model.fit(x, y, FitOptions.defaults().epochs(30).batchSize(16).verbose(0));
        assertEquals(trained, base.getWeights());
        List<Double> loss = history.history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0), "the new head learns: " + loss);
    }

    @Test
    void summary_countsAFrozenLayersWeightsAsNonTrainable() {
        Dense frozen = new Dense(8);
        Sequential model = new Sequential(new Input(4), frozen, new BatchNormalization(), new Dense(1));
        model.setTrainable(true);
        frozen.setTrainable(false);
        String summary = model.summaryText();
        // frozen Dense 40; BatchNormalization 16 trainable + 16 moving statistics; Dense 9
        assertTrue(summary.contains("Total params: 81"), summary);
        assertTrue(summary.contains("Trainable params: 25"), summary);
        assertTrue(summary.contains("Non-trainable params: 56"), summary);
    }

    /** One full-batch step of each model on the same 16 samples of 3 features. */
    private static void oneSgdStepOnTheSameBatch(Sequential... models) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 16, 1);
        for (Sequential model : models) {
            model.fit(x, y, FitOptions.defaults().epochs(1).batchSize(16).shuffle(false).verbose(0));
        }
    }

    private static void fit(Sequential model, int features, int epochs) {
        model.fit(Nd4j.rand(DataType.FLOAT, 64, features), Nd4j.rand(DataType.FLOAT, 64, 1),
                FitOptions.defaults().epochs(epochs).batchSize(8).verbose(0));
    }

    private static List<INDArray> weights(Layer... layers) {
        List<INDArray> out = new ArrayList<>();
        for (Layer l : layers) {
            out.addAll(l.getWeights());
        }
        return out;
    }

    private static INDArray vector(double[] values) {
        return Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    }

    private static void assertClose(List<INDArray> expected, List<INDArray> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(expected.get(i).equalsWithEps(actual.get(i), 1e-6), expected.get(i) + " vs " + actual.get(i));
        }
    }
}
