package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.keras4j.Shape;
import org.keras4j.internal.dl4j.layers.KerasLstm;
import org.keras4j.internal.dl4j.layers.KerasRecurrent;
import org.keras4j.layers.Layer;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * Translates keras4j's recurrent layers to DL4J, every field set explicitly. Sequences run in
 * DL4J's {@link RNNFormat#NWC}, Keras's {@code (batch, timesteps, features)}, so user data is
 * never permuted; without {@code returnSequences} the layer is wrapped in DL4J's
 * {@link LastTimeStep}.
 *
 * <p>DL4J's LSTM keeps its four gate blocks in the order (c, f, o, i), Keras's in (i, f, c, o):
 * DL4J block 0 is the candidate {@code activation(x·W + h·U + b)}, block 1 the forget gate,
 * block 2 the output gate and block 3 the input gate, the three gates through
 * {@code gateActivationFunction}. {@link #KERAS_TO_DL4J_LSTM_BLOCK} maps Keras's block index to
 * DL4J's, for moving weights between the two. The formulas are otherwise Keras's (no peepholes).
 * Kernels are drawn in Keras's block order and then moved to DL4J's ({@link LstmGateOrderInit}),
 * so position-dependent initializers (identity) land on the same gates as in Keras. An LSTM runs
 * as {@link KerasLstm}, DL4J's LSTM given its input in the column-major layout its time loop is
 * written for.
 *
 * <p>A GRU, and an LSTM or SimpleRNN using anything DL4J 1.0.0-M2.1 cannot do exactly, run on
 * keras4j's own layer, {@link KerasRecurrent}, in Keras's gate order: no bias, an LSTM bias
 * initializer other than zeros (DL4J sets only the forget-gate bias), different kernel and
 * recurrent regularizers (DL4J regularizes all weights of a layer alike; keras4j's layer applies
 * each to its own weights), {@code dropout} / {@code recurrentDropout} (Keras drops the same units
 * at every time step; DL4J has no such mode), {@code goBackwards}, {@code stateful},
 * {@code returnState}, {@code zeroOutputForMask}, or a bias initializer that is not a constant;
 * and any recurrent layer a Keras mask reaches ({@code Embedding(maskZero)} or {@code Masking}
 * before it): at a masked step DL4J's layers zero their state and output, Keras's keep the state
 * and repeat the previous output, which keras4j's layer does (and DL4J's fused LSTM declines
 * masks, its masked loop being several times slower). The others keep DL4J's layers (and the
 * fused LSTM).
 *
 * <pre>{@code
 * List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = Dl4jRecurrentLayers.translate(new LSTM(128), Shape.of(50, 64), List.of());
 * }</pre>
 */
public final class Dl4jRecurrentLayers {
    /** Index {@code k} holds the DL4J LSTM block of Keras's block {@code k} (i, f, c, o). */
    public static final int[] KERAS_TO_DL4J_LSTM_BLOCK = {3, 1, 0, 2};

    private Dl4jRecurrentLayers() {
    }

    /** Tests set it to run every recurrent layer on {@link KerasRecurrent}, to compare it with DL4J's. */
    private static final ThreadLocal<Boolean> FORCE_KERAS_RECURRENT = ThreadLocal.withInitial(() -> false);

    /** Runs every recurrent layer translated on this thread on keras4j's layer (true) or only what DL4J cannot run (false). */
    static void forceKerasRecurrent(boolean force) {
        FORCE_KERAS_RECURRENT.set(force);
    }

    /** Whether {@link #translate} handles this layer. */
    public static boolean handles(Layer layer) {
        return layer instanceof BaseRNN<?>;
    }

    /**
     * The DL4J layer for one recurrent layer, reading NWC {@code (timesteps, features)}.
     *
     * @param input the layer's Keras input shape {@code (timesteps, features)}
     * @param decay the optimizer's decoupled weight decay, added to every weight and bias
     * @throws IllegalArgumentException for a configuration DL4J cannot run exactly, naming the layer
     */
    public static List<org.deeplearning4j.nn.conf.layers.Layer> translate(Layer layer, Shape input, List<Regularization> decay) {
        return translate(layer, input, decay, false);
    }

    /**
     * The DL4J layer for one recurrent layer, reading NWC {@code (timesteps, features)}.
     *
     * @param input the layer's Keras input shape {@code (timesteps, features)}
     * @param decay the optimizer's decoupled weight decay, added to every weight and bias
     * @param masked true when a Keras mask reaches the layer: it then runs on keras4j's layer
     * @throws IllegalArgumentException for a configuration DL4J cannot run exactly, naming the layer
     */
    public static List<org.deeplearning4j.nn.conf.layers.Layer> translate(Layer layer, Shape input, List<Regularization> decay,
                                                                       boolean masked) {
        if (!(layer instanceof BaseRNN<?> rnn)) {
            throw new IllegalArgumentException(layer + " is not a recurrent layer");
        }
        if (masked || needsKerasRecurrent(rnn)) {
            // a call's final states are other tensors: the graph assembler asks for them (translateCall)
            return List.of(kerasRecurrent(rnn, input, decay, false, false));
        }
        BaseRecurrentLayer recurrent = fullSequence(rnn, input, decay);
        return List.of(rnn.returnSequences() ? recurrent : new LastTimeStep(recurrent));
    }

    /** True when {@code rnn} runs on keras4j's own recurrent layer: a GRU, or what DL4J's layers cannot do exactly. */
    static boolean needsKerasRecurrent(BaseRNN<?> rnn) {
        return rnn instanceof GRU || FORCE_KERAS_RECURRENT.get() || !dl4jRunsExactly(rnn);
    }

    /**
     * The DL4J layer running {@code rnn} over the whole sequence, every step's output (NWC),
     * whatever its {@code returnSequences}: for wrappers that pick the steps themselves
     * ({@code Bidirectional}, on DL4J's bidirectional layer).
     *
     * @throws IllegalArgumentException for a layer that runs on keras4j's own recurrent layer (a GRU,
     *     goBackwards, dropout, ...), which DL4J's bidirectional wrapper cannot hold
     */
    public static BaseRecurrentLayer fullSequence(BaseRNN<?> rnn, Shape input, List<Regularization> decay) {
        if (needsKerasRecurrent(rnn)) {
            throw new IllegalArgumentException(rnn + ": Bidirectional on the DL4J backend wraps LSTM and SimpleRNN"
                    + " layers that DL4J runs exactly (no GRU, dropout, recurrentDropout, stateful, zeroOutputForMask,"
                    + " useBias=false, non-zero LSTM bias initializer or different kernel and recurrent regularizers)");
        }
        if (rnn instanceof LSTM l) {
            return lstm(l, input, decay);
        }
        if (rnn instanceof SimpleRNN s) {
            return simpleRnn(s, input, decay);
        }
        throw new IllegalArgumentException(rnn + " is not supported by the DL4J translator yet");
    }

    /** Whether DL4J's own layer computes exactly what Keras's does for this configuration. */
    static boolean dl4jRunsExactly(BaseRNN<?> r) {
        boolean constantBias = r.biasInitializer().isConstant();
        boolean lstmBiasOk = !(r instanceof LSTM) || (constantBias && r.biasInitializer().constantValue() == 0);
        return r.useBias() && r.dropout() == 0 && r.recurrentDropout() == 0 && !r.goBackwards() && !r.stateful()
                && !r.returnState() && !r.zeroOutputForMask() && constantBias && lstmBiasOk
                && Objects.equals(r.kernelRegularizer(), r.recurrentRegularizer());
    }

    /**
     * keras4j's recurrent layer for {@code r} reading NWC {@code (timesteps, features)}, weights in
     * Keras's layout and gate order.
     *
     * @param stateInputs read the initial states after the sequence, in packed rows
     *     ({@link KerasRecurrent.Builder#stateInputs})
     * @param returnState write the final states after the output, in packed rows
     * @throws IllegalArgumentException for an initializer or regularizer with no DL4J translation
     */
    public static KerasRecurrent kerasRecurrent(BaseRNN<?> r, Shape input, List<Regularization> decay,
                                                boolean stateInputs, boolean returnState) {
        return kerasRecurrentBuilder(r, input, decay).stateInputs(stateInputs).returnState(returnState).build();
    }

    /** The builder of {@link #kerasRecurrent}, every field set from {@code r}, for callers that change some (Bidirectional). */
    static KerasRecurrent.Builder kerasRecurrentBuilder(BaseRNN<?> r, Shape input, List<Regularization> decay) {
        long features = input.last();
        KerasRecurrent.Cell cell = r instanceof LSTM ? KerasRecurrent.Cell.LSTM
                : r instanceof GRU ? KerasRecurrent.Cell.GRU : KerasRecurrent.Cell.SIMPLE_RNN;
        long[] biasShape = r instanceof GRU g ? g.biasShape() : new long[] {r.kernelShape(features)[1]};
        KerasRecurrent.Builder b = new KerasRecurrent.Builder()
                .cell(cell)
                .timeSteps(input.get(0))
                .weightInitRecurrent(Dl4jInitializers.toDl4j(r.recurrentInitializer(), r.recurrentKernelShape()))
                .biasWeightInit(Dl4jInitializers.toDl4j(r.biasInitializer(), biasShape))
                .useBias(r.useBias())
                .returnSequences(r.returnSequences())
                .goBackwards(r.goBackwards())
                .stateful(r.stateful())
                .zeroOutputForMask(r.zeroOutputForMask())
                .dropout(r.dropout())
                .recurrentDropout(r.recurrentDropout())
                .regularizationRecurrent(regularization(r.recurrentRegularizer(), decay));
        // DL4J's inherited builder methods
        b.nIn(features).nOut(r.units())
                .activation(Dl4jActivations.toDl4j(r.activation()))
                .weightInit(Dl4jInitializers.toDl4j(r.kernelInitializer(), r.kernelShape(features)))
                .regularization(regularization(r.kernelRegularizer(), decay))
                .regularizationBias(regularization(r.biasRegularizer(), decay))
                .name(r.name());
        if (r instanceof LSTM l) {
            b.recurrentActivation(Dl4jActivations.toDl4j(l.recurrentActivation())).unitForgetBias(l.unitForgetBias());
        } else if (r instanceof GRU g) {
            b.recurrentActivation(Dl4jActivations.toDl4j(g.recurrentActivation())).resetAfter(g.resetAfter());
        }
        return b;
    }

    static org.deeplearning4j.nn.conf.layers.LSTM lstm(LSTM l, Shape input, List<Regularization> decay) {
        checkSupported(l);
        double bias = Dl4jInitializers.biasValue(l.biasInitializer(), l.toString());
        if (bias != 0) {
            throw new IllegalArgumentException(l + ": biasInitializer must be zeros for an LSTM on the DL4J backend, got '"
                    + l.biasInitializer().identifier() + "' (" + bias + ")");
        }
        long features = input.last();
        org.deeplearning4j.nn.conf.layers.LSTM.Builder b = new org.deeplearning4j.nn.conf.layers.LSTM.Builder()
                .gateActivationFunction(Dl4jActivations.toDl4j(l.recurrentActivation()))
                .forgetGateBiasInit(l.unitForgetBias() ? 1.0 : 0.0);
        common(b, l, features, decay);
        b.weightInit(new LstmGateOrderInit(Dl4jInitializers.toDl4j(l.kernelInitializer(), l.kernelShape(features))))
                .weightInitRecurrent(new LstmGateOrderInit(
                        Dl4jInitializers.toDl4j(l.recurrentInitializer(), l.recurrentKernelShape())));
        return new KerasLstm(b.build());
    }

    static org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn simpleRnn(SimpleRNN s, Shape input,
                                                                          List<Regularization> decay) {
        checkSupported(s);
        org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder b =
                new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().hasLayerNorm(false);
        common(b, s, input.last(), decay);
        return b.build();
    }

    /** What both layers share: sizes, NWC, activation, initializers with Keras's fans, regularization, name. */
    private static void common(BaseRecurrentLayer.Builder<?> b, BaseRNN<?> r, long features, List<Regularization> decay) {
        b.nIn(features).nOut(r.units())
                .dataFormat(RNNFormat.NWC)
                .activation(Dl4jActivations.toDl4j(r.activation()))
                .weightInit(Dl4jInitializers.toDl4j(r.kernelInitializer(), r.kernelShape(features)))
                .weightInitRecurrent(Dl4jInitializers.toDl4j(r.recurrentInitializer(), r.recurrentKernelShape()))
                .biasInit(Dl4jInitializers.biasValue(r.biasInitializer(), r.toString()))
                .regularization(regularization(r.kernelRegularizer(), decay))
                .regularizationBias(regularization(r.biasRegularizer(), decay))
                .name(r.name());
    }

    private static void checkSupported(BaseRNN<?> r) {
        if (!r.useBias()) {
            throw new IllegalArgumentException(r + ": useBias=false is not supported on the DL4J backend (its recurrent"
                    + " layers always have a bias); use useBias=true");
        }
        if (r.dropout() != 0 || r.recurrentDropout() != 0) {
            throw new IllegalArgumentException(r + ": dropout and recurrentDropout must be 0 on the DL4J backend, got dropout="
                    + r.dropout() + ", recurrentDropout=" + r.recurrentDropout() + " (DL4J cannot drop the same units at every"
                    + " time step as Keras does); a Dropout layer before it drops inputs independently per time step");
        }
        if (!Objects.equals(r.kernelRegularizer(), r.recurrentRegularizer())) {
            throw new IllegalArgumentException(r + ": kernelRegularizer and recurrentRegularizer must be equal on the DL4J"
                    + " backend (it regularizes all weights of a layer alike), got " + r.kernelRegularizer() + " and "
                    + r.recurrentRegularizer());
        }
    }

    /**
     * Initializes a DL4J LSTM kernel {@code [rows, 4 * units]} as Keras does its (i, f, c, o)
     * kernel: {@code keras} fills a matrix in Keras's block order, whose column blocks are then
     * copied to DL4J's positions ({@link #KERAS_TO_DL4J_LSTM_BLOCK}).
     *
     * <pre>{@code
     * lstmBuilder.weightInitRecurrent(new LstmGateOrderInit(new KerasIdentity(1.0)));
     * }</pre>
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
    public static final class LstmGateOrderInit implements IWeightInit {
        private IWeightInit keras;

        /** For JSON deserialization. */
        public LstmGateOrderInit() {
        }

        public LstmGateOrderInit(IWeightInit keras) {
            this.keras = keras;
        }

        /** @throws IllegalArgumentException unless {@code shape} is {@code [rows, 4 * units]} */
        @Override
        public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
            if (shape.length != 2 || shape[1] % 4 != 0) {
                throw new IllegalArgumentException("expected an LSTM kernel shape [rows, 4 * units], got "
                        + java.util.Arrays.toString(shape));
            }
            INDArray kerasOrder = keras.init(fanIn, fanOut, shape, order,
                    Nd4j.createUninitialized(paramView.dataType(), paramView.length())).reshape(order, shape);
            INDArray out = paramView.reshape(order, shape);
            long units = shape[1] / 4;
            for (int k = 0; k < 4; k++) {
                int d = KERAS_TO_DL4J_LSTM_BLOCK[k];
                out.get(NDArrayIndex.all(), NDArrayIndex.interval(d * units, (d + 1) * units))
                        .assign(kerasOrder.get(NDArrayIndex.all(), NDArrayIndex.interval(k * units, (k + 1) * units)));
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LstmGateOrderInit other && Objects.equals(keras, other.keras);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(keras);
        }
    }

    private static List<Regularization> regularization(Regularizer regularizer, List<Regularization> decay) {
        List<Regularization> out = new ArrayList<>(Dl4jRegularizers.toDl4j(regularizer));
        out.addAll(decay);
        return out;
    }
}
