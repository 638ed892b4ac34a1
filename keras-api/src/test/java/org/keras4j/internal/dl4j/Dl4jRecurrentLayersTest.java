package org.keras4j.internal.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.initializers.Initializers;
import org.keras4j.internal.dl4j.layers.KerasRecurrent;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.rnn.SimpleRNN;
import org.keras4j.optimizers.SGD;
import org.keras4j.regularizers.Regularizers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The translated recurrent layers compute Keras's formulas: the forward pass equals a
 * hand-written Keras implementation given the same weights (moved into DL4J's gate order),
 * DL4J's backprop through them passes a gradient check, and initial weights follow Keras.
 */
class Dl4jRecurrentLayersTest {
    private static final int BATCH = 3;
    private static final int STEPS = 5;
    private static final int FEATURES = 4;
    private static final int UNITS = 6;
    private static final UnaryOperator<INDArray> TANH = a -> Transforms.tanh(a, true);
    private static final UnaryOperator<INDArray> SIGMOID = a -> Transforms.sigmoid(a, true);

    @Test
    void lstm_sequenceOutput_matchesKerasFormulas() {
        checkLstm(new org.keras4j.layers.rnn.LSTM(UNITS).withReturnSequences(true), TANH, SIGMOID);
    }

    @Test
    void lstm_lastStepOutput_matchesKerasFormulas() {
        checkLstm(new org.keras4j.layers.rnn.LSTM(UNITS), TANH, SIGMOID);
    }

    @Test
    void lstm_reluActivationAndHardSigmoidGates_matchKerasFormulas() {
        // Keras 3's hard_sigmoid: relu6(x + 3) / 6
        UnaryOperator<INDArray> hardSigmoid = a -> Transforms.min(Transforms.max(a.div(6).addi(0.5), 0.0, false), 1.0, false);
        checkLstm(new org.keras4j.layers.rnn.LSTM(UNITS, "relu").withRecurrentActivation("hard_sigmoid")
                .withReturnSequences(true), a -> Transforms.relu(a, true), hardSigmoid);
    }

    @Test
    void simpleRnn_sequenceOutput_matchesKerasFormula() {
        checkSimpleRnn(new SimpleRNN(UNITS).withReturnSequences(true), TANH);
    }

    @Test
    void simpleRnn_lastStepOutput_matchesKerasFormula() {
        checkSimpleRnn(new SimpleRNN(UNITS, "relu"), a -> Transforms.relu(a, true));
    }

    @Test
    void lstm_initialBias_isKerasUnitForgetBias() {
        // Keras: bias = [zeros(units), ones(units), zeros(2 * units)] in (i, f, c, o)
        INDArray withForget = kerasBlocks(layer(model(new org.keras4j.layers.rnn.LSTM(UNITS))).getParam("b"));
        INDArray expected = Nd4j.concat(1, Nd4j.zeros(DataType.FLOAT, 1, UNITS), Nd4j.ones(DataType.FLOAT, 1, UNITS),
                Nd4j.zeros(DataType.FLOAT, 1, 2 * UNITS));
        assertEquals(expected, withForget);
        INDArray without = layer(model(new org.keras4j.layers.rnn.LSTM(UNITS).withUnitForgetBias(false))).getParam("b");
        assertEquals(0.0, without.amaxNumber().doubleValue());
    }

    @Test
    void lstm_initialKernels_followKerasGlorotUniformAndOrthogonal() {
        int features = 16;
        int units = 32;
        Keras.setRandomSeed(5);
        Sequential m = new Sequential(new Input(STEPS, features), new org.keras4j.layers.rnn.LSTM(units));
        m.compile("sgd", "mse");
        org.deeplearning4j.nn.api.Layer l = layer(m);
        // glorot_uniform on Keras's kernel (features, 4 * units): limit sqrt(6 / (features + 4 * units))
        double limit = Math.sqrt(6.0 / (features + 4 * units));
        double max = l.getParam("W").amaxNumber().doubleValue();
        assertTrue(max <= limit && max > 0.95 * limit, "max |W| " + max + ", Keras's limit " + limit);
        // orthogonal on (units, 4 * units): orthonormal rows
        INDArray rw = l.getParam("RW").castTo(DataType.DOUBLE);
        assertTrue(rw.mmul(rw.transpose()).equalsWithEps(Nd4j.eye(units).castTo(DataType.DOUBLE), 1e-5),
                "recurrent kernel rows are not orthonormal");
    }

    @Test
    void lstm_identityRecurrentInitializer_landsOnTheInputGateAsInKeras() {
        // Keras: identity on (units, 4 * units) is eye(units, 4 * units), the identity in the input-gate block
        INDArray rw = layer(model(new org.keras4j.layers.rnn.LSTM(UNITS).withRecurrentInitializer("identity")))
                .getParam("RW");
        INDArray expected = Nd4j.concat(1, Nd4j.eye(UNITS), Nd4j.zeros(UNITS, 3 * UNITS)).castTo(DataType.FLOAT);
        assertEquals(expected, kerasBlocks(rw));
    }

    @Test
    void simpleRnn_constantBiasInitializer_setsTheBias() {
        INDArray b = layer(model(new SimpleRNN(UNITS).withBiasInitializer(Initializers.constant(0.5)))).getParam("b");
        assertEquals(0.5, b.minNumber().doubleValue(), 1e-7);
        assertEquals(0.5, b.maxNumber().doubleValue(), 1e-7);
    }

    @Test
    void translate_runsNwcAndTakesTheLastStepWithLastTimeStep() {
        List<org.deeplearning4j.nn.conf.layers.Layer> last =
                Dl4jRecurrentLayers.translate(new org.keras4j.layers.rnn.LSTM(UNITS), Shape.of(STEPS, FEATURES), List.of());
        LastTimeStep wrapper = assertInstanceOf(LastTimeStep.class, last.get(0));
        org.deeplearning4j.nn.conf.layers.LSTM lstm =
                assertInstanceOf(org.deeplearning4j.nn.conf.layers.LSTM.class, wrapper.getUnderlying());
        assertEquals(RNNFormat.NWC, lstm.getRnnDataFormat());
        assertEquals(FEATURES, lstm.getNIn());
        assertEquals(UNITS, lstm.getNOut());
        assertEquals(1.0, lstm.getForgetGateBiasInit());
        List<org.deeplearning4j.nn.conf.layers.Layer> seq = Dl4jRecurrentLayers.translate(
                new SimpleRNN(UNITS).withReturnSequences(true), Shape.of(STEPS, FEATURES), List.of());
        assertInstanceOf(org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.class, seq.get(0));
    }

    @Test
    void translate_equalKernelAndRecurrentRegularizers_regularizeBothWeights() {
        var l = (org.deeplearning4j.nn.conf.layers.LSTM) ((LastTimeStep) Dl4jRecurrentLayers.translate(
                new org.keras4j.layers.rnn.LSTM(UNITS).withKernelRegularizer(Regularizers.l2(0.01))
                        .withRecurrentRegularizer(Regularizers.l2(0.01)), Shape.of(STEPS, FEATURES), List.of()).get(0))
                .getUnderlying();
        assertEquals(Dl4jRegularizers.toDl4j(Regularizers.l2(0.01)), l.getRegularization());
        assertTrue(l.getRegularizationBias().isEmpty());
    }

    @Test
    void translate_whatDl4jCannotRunExactly_runsOnKeras4jsLayer_andTheRestOnDl4js() {
        Shape in = Shape.of(STEPS, FEATURES);
        List<Layer> keras = List.of(
                new org.keras4j.layers.rnn.LSTM(UNITS).withKernelRegularizer(Regularizers.l2(0.01)),
                new org.keras4j.layers.rnn.LSTM(UNITS).withDropout(0.2),
                new SimpleRNN(UNITS).withRecurrentDropout(0.1),
                new SimpleRNN(UNITS).withUseBias(false),
                new org.keras4j.layers.rnn.LSTM(UNITS).withBiasInitializer("ones"),
                new SimpleRNN(UNITS).withBiasInitializer("random_normal"),
                new org.keras4j.layers.rnn.LSTM(UNITS).withGoBackwards(true),
                new SimpleRNN(UNITS).withStateful(true),
                new org.keras4j.layers.rnn.LSTM(UNITS).withReturnState(true),
                new org.keras4j.layers.rnn.GRU(UNITS));
        for (Layer layer : keras) {
            assertInstanceOf(KerasRecurrent.class, Dl4jRecurrentLayers.translate(layer, in, List.of()).get(0),
                    layer + " " + layer.getConfig());
        }
        assertInstanceOf(LastTimeStep.class, Dl4jRecurrentLayers.translate(
                new org.keras4j.layers.rnn.LSTM(UNITS).withKernelRegularizer(Regularizers.l2(0.01))
                        .withRecurrentRegularizer(Regularizers.l2(0.01)), in, List.of()).get(0));
        assertInstanceOf(org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.class,
                Dl4jRecurrentLayers.translate(new SimpleRNN(UNITS).withReturnSequences(true)
                        .withBiasInitializer(Initializers.constant(0.5)), in, List.of()).get(0));
    }

    @Test
    void translate_differentKernelAndRecurrentRegularizers_regularizeEachItsOwnWeights() {
        KerasRecurrent conf = (KerasRecurrent) Dl4jRecurrentLayers.translate(new org.keras4j.layers.rnn.LSTM(UNITS)
                .withKernelRegularizer(Regularizers.l2(0.01)).withRecurrentRegularizer(Regularizers.l1(0.02)),
                Shape.of(STEPS, FEATURES), List.of()).get(0);
        assertEquals(Dl4jRegularizers.toDl4j(Regularizers.l2(0.01)), conf.getRegularizationByParam("W"));
        assertEquals(Dl4jRegularizers.toDl4j(Regularizers.l1(0.02)), conf.getRegularizationByParam("RW"));
        assertTrue(conf.getRegularizationByParam("b").isEmpty());
    }

    @Test
    void kerasRecurrentLstm_initialBias_isTheInitializerWithUnitForgetBias() {
        // Keras: bias = [init(units), ones(units), init(2 * units)] in (i, f, c, o)
        INDArray b = layer(model(new org.keras4j.layers.rnn.LSTM(UNITS).withBiasInitializer(Initializers.constant(0.5))))
                .getParam("b");
        INDArray expected = Nd4j.concat(1, Nd4j.valueArrayOf(new long[] {1, UNITS}, 0.5, DataType.FLOAT),
                Nd4j.ones(DataType.FLOAT, 1, UNITS), Nd4j.valueArrayOf(new long[] {1, 2 * UNITS}, 0.5, DataType.FLOAT));
        assertEquals(expected, b);
    }

    @Test
    void lstm_hasNoLayerHelperOnCpu() {
        // DL4J 1.0.0-M2.1 names no oneDNN LSTM helper (only cuDNN's): with DL4J's helpers on or off
        // the LSTM runs the same Java code, so its outputs cannot depend on the helper switch
        Sequential m = model(new org.keras4j.layers.rnn.LSTM(UNITS));
        m.predict(Nd4j.rand(DataType.FLOAT, BATCH, STEPS, FEATURES));
        LastTimeStepLayer wrapper = (LastTimeStepLayer) ((MultiLayerNetwork) m.network().unwrap()).getLayer(0);
        assertNull(((LSTM) wrapper.getUnderlying()).getHelper());
    }

    @Test
    void lstmLastStep_backprop_passesGradientCheck() {
        gradientCheck(new org.keras4j.layers.rnn.LSTM(3), Shape.of(3));
    }

    @Test
    void lstmSequence_backprop_passesGradientCheck() {
        gradientCheck(new org.keras4j.layers.rnn.LSTM(3).withRecurrentActivation("hard_sigmoid").withReturnSequences(true),
                Shape.of(4, 3));
    }

    @Test
    void simpleRnnSequence_backprop_passesGradientCheck() {
        gradientCheck(new SimpleRNN(3).withReturnSequences(true), Shape.of(4, 3));
    }

    /** DL4J's finite-difference check, in double precision, of the translated network (NWC, LastTimeStep, fused loss). */
    private static void gradientCheck(Layer layer, Shape output) {
        DataType floatType = Nd4j.defaultFloatingPointType();
        DataType type = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Keras.setRandomSeed(7);
            Sequential m = new Sequential(new Input(4, 2), layer);
            m.compile(new SGD(1.0), "mse");
            MultiLayerNetwork net = ((MultiLayerNetwork) m.network().unwrap()).convertDataType(DataType.DOUBLE);
            Nd4j.getRandom().setSeed(7);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 2).subi(0.5).muli(2);
            INDArray y = Nd4j.rand(DataType.DOUBLE, 2, output.size());
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)), layer + ": gradient check failed");
        } finally {
            Nd4j.setDefaultDataTypes(type, floatType);
        }
    }

    private static void checkLstm(org.keras4j.layers.rnn.LSTM lstm, UnaryOperator<INDArray> activation,
                                  UnaryOperator<INDArray> gate) {
        Sequential m = model(lstm);
        Nd4j.getRandom().setSeed(42);
        INDArray w = Nd4j.rand(DataType.DOUBLE, FEATURES, 4 * UNITS).subi(0.5);
        INDArray u = Nd4j.rand(DataType.DOUBLE, UNITS, 4 * UNITS).subi(0.5);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 4 * UNITS).subi(0.5);
        org.deeplearning4j.nn.api.Layer l = layer(m);
        toDl4jBlocks(w, l.getParam("W"));
        toDl4jBlocks(u, l.getParam("RW"));
        toDl4jBlocks(b.reshape(1, 4 * UNITS), l.getParam("b").reshape(1, 4 * UNITS));
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, STEPS, FEATURES).subi(0.5).muli(2);

        INDArray expected = kerasLstm(x.castTo(DataType.DOUBLE), w, u, b, activation, gate);
        assertOutput(lstm.returnSequences(), expected, m.predict(x));
    }

    private static void checkSimpleRnn(SimpleRNN rnn, UnaryOperator<INDArray> activation) {
        Sequential m = model(rnn);
        Nd4j.getRandom().setSeed(43);
        INDArray w = Nd4j.rand(DataType.DOUBLE, FEATURES, UNITS).subi(0.5);
        INDArray u = Nd4j.rand(DataType.DOUBLE, UNITS, UNITS).subi(0.5);
        INDArray b = Nd4j.rand(DataType.DOUBLE, UNITS).subi(0.5);
        org.deeplearning4j.nn.api.Layer l = layer(m);
        l.getParam("W").assign(w);
        l.getParam("RW").assign(u);
        l.getParam("b").assign(b.reshape(l.getParam("b").shape()));
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, STEPS, FEATURES).subi(0.5).muli(2);

        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray h = Nd4j.zeros(DataType.DOUBLE, BATCH, UNITS);
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, BATCH, STEPS, UNITS);
        for (int t = 0; t < STEPS; t++) {
            h = activation.apply(xd.get(all(), point(t), all()).mmul(w).addi(h.mmul(u)).addiRowVector(b));
            expected.get(all(), point(t), all()).assign(h);
        }
        assertOutput(rnn.returnSequences(), expected, m.predict(x));
    }

    /** Keras's LSTM cell over the sequence, kernels in Keras's (i, f, c, o) blocks; every step's h. */
    private static INDArray kerasLstm(INDArray x, INDArray w, INDArray u, INDArray b, UnaryOperator<INDArray> activation,
                                      UnaryOperator<INDArray> gate) {
        long batch = x.size(0);
        long steps = x.size(1);
        int n = (int) u.size(0);
        INDArray h = Nd4j.zeros(DataType.DOUBLE, batch, n);
        INDArray c = Nd4j.zeros(DataType.DOUBLE, batch, n);
        INDArray out = Nd4j.zeros(DataType.DOUBLE, batch, steps, n);
        for (int t = 0; t < steps; t++) {
            INDArray z = x.get(all(), point(t), all()).mmul(w).addi(h.mmul(u)).addiRowVector(b);
            INDArray i = gate.apply(z.get(all(), interval(0, n)).dup());
            INDArray f = gate.apply(z.get(all(), interval(n, 2 * n)).dup());
            INDArray g = activation.apply(z.get(all(), interval(2 * n, 3 * n)).dup());
            INDArray o = gate.apply(z.get(all(), interval(3 * n, 4 * n)).dup());
            c = f.mul(c).addi(i.mul(g));
            h = o.mul(activation.apply(c));
            out.get(all(), point(t), all()).assign(h);
        }
        return out;
    }

    private static void assertOutput(boolean returnSequences, INDArray expectedSequence, INDArray actual) {
        INDArray expected = returnSequences ? expectedSequence
                : expectedSequence.get(all(), point(STEPS - 1), all()).dup();
        assertArrayEquals(expected.shape(), actual.shape());
        assertTrue(expected.castTo(DataType.FLOAT).equalsWithEps(actual, 1e-5),
                "expected (Keras)\n" + expected + "\nactual\n" + actual);
    }

    /** Copies Keras's (i, f, c, o) column blocks into DL4J's LSTM parameter, in DL4J's block order. */
    private static void toDl4jBlocks(INDArray keras, INDArray dl4j) {
        for (int k = 0; k < 4; k++) {
            int d = Dl4jRecurrentLayers.KERAS_TO_DL4J_LSTM_BLOCK[k];
            dl4j.get(all(), interval(d * UNITS, (d + 1) * UNITS)).assign(keras.get(all(), interval(k * UNITS, (k + 1) * UNITS)));
        }
    }

    /** A DL4J LSTM parameter {@code [rows, 4 * UNITS]} (a bias as one row) in Keras's (i, f, c, o) block order. */
    private static INDArray kerasBlocks(INDArray dl4j) {
        INDArray m = dl4j.reshape(dl4j.length() / (4 * UNITS), 4 * UNITS);
        INDArray out = Nd4j.create(m.dataType(), m.shape());
        for (int k = 0; k < 4; k++) {
            int d = Dl4jRecurrentLayers.KERAS_TO_DL4J_LSTM_BLOCK[k];
            out.get(all(), interval(k * UNITS, (k + 1) * UNITS)).assign(m.get(all(), interval(d * UNITS, (d + 1) * UNITS)));
        }
        return out;
    }

    private static Sequential model(Layer layer) {
        Keras.setRandomSeed(3);
        Sequential m = new Sequential(new Input(STEPS, FEATURES), layer);
        m.compile("sgd", "mse");
        return m;
    }

    /** The DL4J layer holding the recurrent parameters (wrappers delegate {@code getParam}). */
    private static org.deeplearning4j.nn.api.Layer layer(Sequential m) {
        return ((MultiLayerNetwork) m.network().unwrap()).getLayer(0);
    }
}
