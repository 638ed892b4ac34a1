package org.keras4j.internal.dl4j.layers;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.keras4j.backend.Backend;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's LSTM, run as a fused pass when it is Keras's default LSTM: tanh activation, sigmoid
 * gates, no mask, dropout or weight noise, no GPU helper. Floats run {@link HoistedLstmSteps} (the
 * input projection as one product for the whole sequence, per step only the recurrent product
 * and one JVM pass over the gates), doubles one fused product per time step on column-major
 * blocks ({@link LstmSteps}). Anything else runs DL4J's own loop, given its input column-major,
 * the layout that loop is written for.
 *
 * <p>DL4J 1.0.0-M2.1's loop multiplies the input and the recurrent weights separately at every
 * step, runs each gate's activation and product on strided views through ND4J's custom
 * operations, and repeats the whole forward pass inside the backward pass. The fused path keeps
 * its forward pass from training for the backward pass of the same input; the parameters,
 * outputs and gradients are DL4J's, within float rounding.
 *
 * <pre>{@code
 * Layer layer = new KerasLstm(lstmConf).instantiate(conf, listeners, 0, params, true, DataType.FLOAT);
 * }</pre>
 */
public class ColumnMajorLstm extends org.deeplearning4j.nn.layers.recurrent.LSTM {
    /** The fused passes for the last two input shapes (a data set's last batch is often smaller). */
    private LstmPass current;
    private LstmPass previous;
    /** The fused pass whose arrays still hold the last training forward pass. */
    private final ForwardPassMemo<LstmPass> trainingPass = new ForwardPassMemo<>();
    /** Floats run {@link HoistedLstmSteps}; false (tests) runs {@link LstmSteps} for them too. */
    private boolean hoisted = true;

    public ColumnMajorLstm(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(input == null || input.rank() != 3 ? input : stepContiguous(input, workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        trainingPass.clear();
        if (!fused()) {
            return super.activate(training, workspaceMgr);
        }
        LstmPass steps = forward();
        if (training) {
            trainingPass.keep(input, steps);
        }
        return fromNcw(steps.outputNcw(workspaceMgr));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fused()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        LstmPass kept = trainingPass.take(input);
        LstmPass steps = kept != null ? kept : forward();
        INDArray inputWeights = gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray recurrentWeights = gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bias = gradientViews.get(LSTMParamInitializer.BIAS_KEY);
        steps.backward(ncw(epsilon), inputWeights, recurrentWeights, bias);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(LSTMParamInitializer.INPUT_WEIGHT_KEY, inputWeights);
        gradient.gradientForVariable().put(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, recurrentWeights);
        gradient.gradientForVariable().put(LSTMParamInitializer.BIAS_KEY, bias);
        return new Pair<>(gradient, fromNcw(steps.inputGradientNcw(workspaceMgr)));
    }

    @Override
    public void clear() {
        super.clear();
        trainingPass.clear();
    }

    /**
     * Whether this layer and its input are what the fused passes compute, on the CPU backend
     * whose OpenBLAS it calls; DL4J's loop does the rest.
     */
    boolean fused() {
        org.deeplearning4j.nn.conf.layers.LSTM conf = layerConf();
        if (input == null || input.rank() != 3 || maskArray != null || helper != null
                || !(conf.getActivationFn() instanceof ActivationTanH)
                || !(conf.getGateActivationFn() instanceof ActivationSigmoid) || conf.getIDropout() != null
                || conf.getWeightNoise() != null || !Backend.isCpu()) {
            return false;
        }
        INDArray ncw = ncw(input);
        DataType type = getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY).dataType();
        return ncw.size(1) == conf.getNIn() && input.dataType() == type
                && (type == DataType.FLOAT || type == DataType.DOUBLE)
                && LstmSteps.elements(ncw.size(0), ncw.size(2), ncw.size(1), conf.getNOut()) <= LstmSteps.MAX_ELEMENTS
                && HoistedLstmSteps.elements(ncw.size(0), ncw.size(2), ncw.size(1), conf.getNOut())
                        <= LstmSteps.MAX_ELEMENTS;
    }

    /** Whether floats run {@link HoistedLstmSteps} (the default) or, for comparison in tests, {@link LstmSteps}. */
    void useHoistedSteps(boolean hoisted) {
        this.hoisted = hoisted;
        current = null;
        previous = null;
        trainingPass.clear();
    }

    /** The fused forward pass over {@code input}, in the instance for its shape. */
    private LstmPass forward() {
        INDArray ncw = ncw(input);
        INDArray w = getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        long units = layerConf().getNOut();
        if (current == null || !current.fits(ncw.size(0), ncw.size(2), ncw.size(1), units, w.dataType())) {
            LstmPass other = previous != null && previous.fits(ncw.size(0), ncw.size(2), ncw.size(1), units,
                    w.dataType()) ? previous : newPass(ncw.size(0), ncw.size(2), ncw.size(1), units, w.dataType());
            previous = current;
            current = other;
        }
        current.forward(ncw, w, getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY),
                getParam(LSTMParamInitializer.BIAS_KEY));
        return current;
    }

    private LstmPass newPass(long batch, long steps, long inputs, long units, DataType type) {
        return type == DataType.FLOAT && hoisted ? new HoistedLstmSteps(batch, steps, inputs, units)
                : new LstmSteps(batch, steps, inputs, units, type);
    }

    private boolean nwc() {
        return getDataFormat() == RNNFormat.NWC;
    }

    private INDArray ncw(INDArray array) {
        return nwc() ? array.permute(0, 2, 1) : array;
    }

    private INDArray fromNcw(INDArray ncw) {
        return nwc() ? ncw.permute(0, 2, 1) : ncw;
    }

    /** {@code input} with DL4J's NCW view of it column-major, in the current activation workspace. */
    private INDArray stepContiguous(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        INDArray ncw = ncw(input);
        if (Arrays.equals(ncw.stride(), Nd4j.getStrides(ncw.shape(), 'f'))) {
            return input;
        }
        INDArray copy = workspaceMgr.isWorkspaceOpen(ArrayType.ACTIVATIONS)
                ? workspaceMgr.dup(ArrayType.ACTIVATIONS, ncw, 'f') : ncw.dup('f');
        return fromNcw(copy);
    }
}
