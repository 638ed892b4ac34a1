package org.keras4j.internal.dl4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

            dl4j.setInput(x);
            dl4j.setLabels(y);
            dl4j.computeGradientAndScore();
            ours.setInput(x);
            ours.setLabels(y);
            ours.computeGradientAndScore();
            assertEquals(dl4j.score(), ours.score(), TOLERANCE, format + " score");
            assertTrue(dl4j.gradient().gradient().equalsWithEps(ours.gradient().gradient(), TOLERANCE),
                    format + " gradient");

            for (int i = 0; i < 15; i++) {
                dl4j.fit(x, y);
                ours.fit(x, y);
            }
            assertTrue(dl4j.params().equalsWithEps(ours.params(), 1e-4), format + " parameters after 15 steps");
        }
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
