package org.keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Properties;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class OneDnnHelpersTest {
    private String savedSwitch;
    private String savedOwn;

    @BeforeEach
    void save() {
        savedSwitch = System.getProperty(OneDnnHelpers.DL4J_DISABLE);
        savedOwn = System.getProperty(OneDnnHelpers.PROPERTY);
    }

    @AfterEach
    void restore() {
        restore(OneDnnHelpers.DL4J_DISABLE, savedSwitch);
        restore(OneDnnHelpers.PROPERTY, savedOwn);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** conv 3x3 (4 filters, ReLU) -> max pool 2x2 -> batch norm -> softmax, NHWC as keras4j builds it. */
    private static MultiLayerNetwork cnn(boolean helpers, boolean prepare) {
        System.setProperty(OneDnnHelpers.DL4J_DISABLE, String.valueOf(!helpers));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU)
                        .dataFormat(CNN2DFormat.NHWC).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .dataFormat(CNN2DFormat.NHWC).build())
                .layer(new BatchNormalization.Builder().dataFormat(CNN2DFormat.NHWC).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(10, 10, 2, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        if (prepare) {
            Backend.prepare(net);
        }
        return net;
    }

    private static INDArray input() {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(DataType.FLOAT, 5, 10, 10, 2).subi(0.5);
    }

    private static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, 5, 3);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        return y;
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name + " in " + target.getClass());
    }

    @Test
    void convPoolingBatchNorm_getTheirOneDnnHelpers_andRunThem() throws Exception {
        MultiLayerNetwork net = cnn(true, true);
        Layer conv = net.getLayer(0);
        Layer pool = net.getLayer(1);
        Layer bn = net.getLayer(2);
        assertInstanceOf(ContiguousConvHelper.class, conv.getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, pool.getHelper());
        assertInstanceOf(MKLDNNBatchNormHelper.class, bn.getHelper());

        net.output(input(), false);
        net.setInput(input());
        net.setLabels(labels());
        net.computeGradientAndScore();

        // the conv and batch-norm helpers build their native op context on their first call: they
        // ran (M2.1's pooling layer calls its helper in backprop only, without a context)
        assertNotNull(field(conv.getHelper(), "context"), "conv helper forward ran");
        assertNotNull(field(conv.getHelper(), "contextBwd"), "conv helper backward ran");
        assertNotNull(field(bn.getHelper(), "context"), "batch norm helper forward ran");
        for (Layer l : new Layer[] {conv, pool, bn}) {
            assertEquals(0, field(l, "helperCountFail"), "helper failures in " + l.getClass().getSimpleName());
        }
    }

    @Test
    void helpersDisabled_layersHaveNoHelper() {
        MultiLayerNetwork net = cnn(false, false);
        for (int i = 0; i < 3; i++) {
            assertNull(net.getLayer(i).getHelper(), "layer " + i);
        }
    }

    @Test
    void oneDnnHelpers_afterPrepare_giveTheBuiltInOutputsAndGradients() {
        MultiLayerNetwork reference = cnn(false, false);
        MultiLayerNetwork fast = cnn(true, true);
        fast.setParams(reference.params().dup());
        INDArray x = input();

        assertClose(reference.output(x, false), fast.output(x, false), "inference output");
        assertClose(reference.output(x, true), fast.output(x, true), "training-mode output");

        for (MultiLayerNetwork n : new MultiLayerNetwork[] {reference, fast}) {
            n.setInput(x);
            n.setLabels(labels());
            n.computeGradientAndScore();
        }
        assertEquals(reference.score(), fast.score(), 1e-5, "loss");
        assertClose(reference.gradient().gradient(), fast.gradient().gradient(), "gradient");

        reference.fit(x, labels());
        fast.fit(x, labels());
        assertClose(reference.params(), fast.params(), "parameters after one step");
    }

    @Test
    void dl4jConvHelper_nhwcRelu_givesWrongGradientsWithoutPrepare() {
        // documents why Backend.prepare exists: if a DL4J upgrade fixes this, prepare can go
        MultiLayerNetwork reference = cnn(false, false);
        MultiLayerNetwork raw = cnn(true, false);
        assertEquals(MKLDNNConvHelper.class, raw.getLayer(0).getHelper().getClass());
        raw.setParams(reference.params().dup());
        for (MultiLayerNetwork n : new MultiLayerNetwork[] {reference, raw}) {
            n.setInput(input());
            n.setLabels(labels());
            n.computeGradientAndScore();
        }
        INDArray expected = reference.gradient().getGradientFor("0_W");
        INDArray actual = raw.gradient().getGradientFor("0_W");
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        // the helper reads memory it should not, so the garbage is sometimes NaN: that is wrong too
        assertFalse(diff <= 1e-2, "DL4J's NHWC conv helper gradient now matches (max difference " + diff + ")");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.length(), actual.length(), what + " length");
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-4 * scale, what + ": max difference " + diff);
    }

    @Test
    void enable_unset_turnsDl4jHelpersOn() {
        Properties p = new Properties();
        String why = OneDnnHelpers.enable(p);
        assertEquals("false", p.getProperty(OneDnnHelpers.DL4J_DISABLE));
        assertTrue(why.contains("keras4j default"), why);
    }

    @Test
    void enable_userSetDl4jSwitch_isKept() {
        Properties p = new Properties();
        p.setProperty(OneDnnHelpers.DL4J_DISABLE, "true");
        String why = OneDnnHelpers.enable(p);
        assertEquals("true", p.getProperty(OneDnnHelpers.DL4J_DISABLE));
        assertTrue(why.contains(OneDnnHelpers.DL4J_DISABLE + "=true"), why);
    }

    @Test
    void enable_keras4jPropertyFalse_turnsHelpersOff() {
        Properties p = new Properties();
        p.setProperty(OneDnnHelpers.PROPERTY, "false");
        OneDnnHelpers.enable(p);
        assertEquals("true", p.getProperty(OneDnnHelpers.DL4J_DISABLE));
    }

    @Test
    void enable_badKeras4jProperty_throws() {
        Properties p = new Properties();
        p.setProperty(OneDnnHelpers.PROPERTY, "yes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneDnnHelpers.enable(p));
        assertTrue(e.getMessage().contains(OneDnnHelpers.PROPERTY) && e.getMessage().contains("'yes'"), e.getMessage());
    }

    @Test
    void active_followsDl4jSwitch() {
        System.setProperty(OneDnnHelpers.DL4J_DISABLE, "false");
        assertTrue(OneDnnHelpers.active());
        System.setProperty(OneDnnHelpers.DL4J_DISABLE, "true");
        assertTrue(!OneDnnHelpers.active());
    }
}
