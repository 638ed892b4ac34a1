package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class ColumnMajorLstmTest {

    private static final double TOLERANCE = 1e-5;

    private static LSTM lstm(RNNFormat format) {
        return new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                .dataFormat(format).build();
    }

    /** LSTM(4) -> per-step softmax over 2 classes, from DL4J's LSTM or keras4j's, with the same initial parameters. */
    private static MultiLayerNetwork network(boolean keras4j, RNNFormat format) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.05)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(keras4j ? new KerasLstm(lstm(format)) : lstm(format))
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(2).activation(Activation.SOFTMAX)
                        .dataFormat(format).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** {@code [batch, steps, features]} (NWC) row-major, Keras's layout; NCW is its row-major transpose. */
    private static INDArray sequences(RNNFormat format) {
        Nd4j.getRandom().setSeed(9);
        INDArray nwc = Nd4j.randn(DataType.FLOAT, 5, 6, 3);
        return format == RNNFormat.NWC ? nwc : nwc.permute(0, 2, 1).dup('c');
    }

    private static INDArray labels(RNNFormat format) {
        INDArray nwc = Nd4j.zeros(DataType.FLOAT, 5, 6, 2);
        for (int b = 0; b < 5; b++) {
            for (int t = 0; t < 6; t++) {
                nwc.putScalar(new long[] {b, t, (b + t) % 2}, 1f);
            }
        }
        return format == RNNFormat.NWC ? nwc : nwc.permute(0, 2, 1).dup('c');
    }

    @Test
    void outputsGradientsAndTraining_equalDl4jsLstm_inBothFormats() {
        for (RNNFormat format : RNNFormat.values()) {
            MultiLayerNetwork dl4j = network(false, format);
            MultiLayerNetwork ours = network(true, format);
            assertInstanceOf(ColumnMajorLstm.class, ours.getLayer(0));
            INDArray x = sequences(format);
            INDArray y = labels(format);
            assertTrue(dl4j.output(x).equalsWithEps(ours.output(x), TOLERANCE), format + " output");

            assertTrue(NetworkGradient.of(dl4j, x, y).equalsWithEps(NetworkGradient.of(ours, x, y), TOLERANCE),
                    format + " gradient");
            assertEquals(dl4j.score(), ours.score(), TOLERANCE, format + " score");

            for (int i = 0; i < 15; i++) {
                dl4j.fit(x, y);
                ours.fit(x, y);
            }
            assertTrue(dl4j.params().equalsWithEps(ours.params(), 1e-4), format + " parameters after 15 steps");
        }
    }

    @Test
    void fusedPath_runsKerasDefaultLstm_andDl4jsLoopEverythingElse() {
        ColumnMajorLstm fused = (ColumnMajorLstm) network(true, RNNFormat.NWC).getLayer(0);
        fused.setInput(sequences(RNNFormat.NWC), LayerWorkspaceMgr.noWorkspaces());
        assertTrue(fused.fused());
        fused.setMaskArray(Nd4j.ones(DataType.FLOAT, 5, 6));
        assertFalse(fused.fused(), "masked input");
        LSTM softsign = new LSTM.Builder().nIn(3).nOut(4).activation(Activation.SOFTSIGN).dataFormat(RNNFormat.NWC).build();
        LSTM hardGates = new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH)
                .gateActivationFunction(Activation.HARDSIGMOID).dataFormat(RNNFormat.NWC).build();
        LSTM dropout = new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).dropOut(0.5)
                .dataFormat(RNNFormat.NWC).build();
        for (LSTM conf : new LSTM[] {softsign, hardGates, dropout}) {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                    .list().layer(new KerasLstm(conf)).build());
            net.init();
            ColumnMajorLstm layer = (ColumnMajorLstm) net.getLayer(0);
            layer.setInput(sequences(RNNFormat.NWC), LayerWorkspaceMgr.noWorkspaces());
            assertFalse(layer.fused(), conf.toString());
            assertEquals(5 * 6 * 4, net.output(sequences(RNNFormat.NWC)).length());
        }
    }

    @Test
    void maskedSequences_stillEqualDl4jsLstm() {
        MultiLayerNetwork dl4j = network(false, RNNFormat.NWC);
        MultiLayerNetwork ours = network(true, RNNFormat.NWC);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 5, 6);
        mask.get(NDArrayIndex.point(1), NDArrayIndex.interval(3, 6)).assign(0);
        INDArray x = sequences(RNNFormat.NWC);
        assertTrue(dl4j.output(x, false, mask, null).equalsWithEps(ours.output(x, false, mask, null), TOLERANCE));
    }

    @Test
    void largerShapes_doubles_andChangingBatchSizes_equalDl4jsLstm() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            MultiLayerNetwork dl4j = deepNetwork(false, type);
            MultiLayerNetwork ours = deepNetwork(true, type);
            for (int batch : new int[] {16, 3, 16, 7}) {
                Nd4j.getRandom().setSeed(batch);
                INDArray x = Nd4j.randn(type, batch, 20, 8);
                INDArray y = Nd4j.zeros(type, batch, 20, 2);
                y.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(batch % 2)).assign(1);
                assertTrue(dl4j.output(x).equalsWithEps(ours.output(x), TOLERANCE), type + " batch " + batch);
                INDArray expected = NetworkGradient.of(dl4j, x, y);
                INDArray actual = NetworkGradient.of(ours, x, y);
                assertTrue(expected.equalsWithEps(actual, 1e-4 * expected.amaxNumber().doubleValue()),
                        type + " gradient, batch " + batch);
            }
        }
    }

    @Test
    void hoistedAndStepwisePasses_trainTheSameWeights_fromTheSameSeed() {
        MultiLayerNetwork hoisted = deepNetwork(true, DataType.FLOAT);
        MultiLayerNetwork stepwise = deepNetwork(true, DataType.FLOAT);
        for (int layer = 0; layer < 2; layer++) {
            ((ColumnMajorLstm) stepwise.getLayer(layer)).useHoistedSteps(false);
        }
        for (int step = 0; step < 8; step++) {
            Nd4j.getRandom().setSeed(step);
            int batch = step % 3 == 2 ? 5 : 16;
            INDArray x = Nd4j.randn(DataType.FLOAT, batch, 20, 8);
            INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 20, 2);
            y.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(step % 2)).assign(1);
            hoisted.fit(x, y);
            stepwise.fit(x, y);
        }
        assertTrue(stepwise.params().equalsWithEps(hoisted.params(), 1e-5), "parameters after 8 steps");
        assertFalse(stepwise.params().equalsWithEps(deepNetwork(true, DataType.FLOAT).params(), 1e-5), "trained");
    }

    @Test
    void backwardWithoutATrainingForwardPass_recomputesIt() {
        MultiLayerNetwork dl4j = network(false, RNNFormat.NCW);
        MultiLayerNetwork ours = network(true, RNNFormat.NCW);
        INDArray x = sequences(RNNFormat.NCW);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 5, 4, 6);
        ours.getLayer(0).activate(x.dup(), false, LayerWorkspaceMgr.noWorkspaces());
        Pair<Gradient, INDArray> expected = backward(dl4j, x, epsilon);
        Pair<Gradient, INDArray> actual = backward(ours, x, epsilon);
        assertTrue(expected.getSecond().equalsWithEps(actual.getSecond(), TOLERANCE), "input gradient");
        for (String key : expected.getFirst().gradientForVariable().keySet()) {
            assertTrue(expected.getFirst().getGradientFor(key).equalsWithEps(actual.getFirst().getGradientFor(key),
                    TOLERANCE), key);
        }
    }

    @Test
    void rnnTimeStep_keepsDl4jsStatefulBehaviour() {
        MultiLayerNetwork dl4j = network(false, RNNFormat.NWC);
        MultiLayerNetwork ours = network(true, RNNFormat.NWC);
        INDArray x = sequences(RNNFormat.NWC);
        INDArray first = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup();
        INDArray second = x.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6), NDArrayIndex.all()).dup();
        dl4j.rnnTimeStep(first);
        ours.rnnTimeStep(first);
        assertTrue(dl4j.rnnTimeStep(second).equalsWithEps(ours.rnnTimeStep(second), TOLERANCE));
    }

    private static Pair<Gradient, INDArray> backward(MultiLayerNetwork net, INDArray x, INDArray epsilon) {
        net.initGradientsView();
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        return layer.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());
    }

    /** LSTM(12) -> LSTM(6) -> per-step softmax, over 20 steps of 8 features. */
    private static MultiLayerNetwork deepNetwork(boolean keras4j, DataType type) {
        LSTM first = new LSTM.Builder().nIn(8).nOut(12).activation(Activation.TANH).dataFormat(RNNFormat.NWC).build();
        LSTM second = new LSTM.Builder().nIn(12).nOut(6).activation(Activation.TANH).dataFormat(RNNFormat.NWC).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(11).dataType(type).weightInit(WeightInit.XAVIER).list()
                .layer(keras4j ? new KerasLstm(first) : first)
                .layer(keras4j ? new KerasLstm(second) : second)
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(2).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NWC).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void inputAlreadyColumnMajor_isUsedAsIs_andGivesTheSameOutput() {
        MultiLayerNetwork ours = network(true, RNNFormat.NWC);
        INDArray rowMajor = sequences(RNNFormat.NWC);
        INDArray columnMajor = rowMajor.permute(0, 2, 1).dup('f').permute(0, 2, 1);
        ours.getLayer(0).setInput(columnMajor, LayerWorkspaceMgr.noWorkspaces());
        assertSame(columnMajor, ours.getLayer(0).input(), "no copy of a column-major input");
        assertTrue(ours.output(rowMajor).equalsWithEps(ours.output(columnMajor), TOLERANCE));
    }

    @Test
    void copy_keepsEverySetting_andJsonKeepsTheClass() {
        LSTM original = new LSTM.Builder().nIn(3).nOut(4).activation(Activation.SOFTSIGN).forgetGateBiasInit(0.5)
                .gateActivationFunction(Activation.HARDSIGMOID).dataFormat(RNNFormat.NWC).name("lstm").l2(1e-3).build();
        assertEquals(original, new KerasLstm(original));
        MultiLayerConfiguration conf = network(true, RNNFormat.NWC).getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertInstanceOf(KerasLstm.class, back.getConf(0).getLayer());
        assertEquals(conf, back);
    }

    @Test
    void keras4jLstm_runsAsThisLayer() {
        Sequential model = new Sequential(new Input(6, 3), new org.keras4j.layers.rnn.LSTM(4), new Dense(2, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        assertInstanceOf(LastTimeStep.class, net.getLayerWiseConfigurations().getConf(0).getLayer());
        assertInstanceOf(ColumnMajorLstm.class, ((LastTimeStepLayer) net.getLayer(0)).getUnderlying());
    }
}
