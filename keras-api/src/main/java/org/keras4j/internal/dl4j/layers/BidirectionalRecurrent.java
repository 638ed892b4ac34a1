package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Keras's {@code Bidirectional} over keras4j's recurrent layers ({@link KerasRecurrent}): a GRU,
 * or an LSTM / SimpleRNN that DL4J's layers do not run as Keras (a mask, dropout, ...). The
 * forward layer reads the sequence as it is; the backward layer has {@code goBackwards} and
 * reads it from its last step, masks included. With {@code returnSequences} the backward outputs
 * are reversed back into time order and both layers output zeros at masked steps (Keras forces
 * {@code zero_output_for_mask} then); without, the two last outputs are merged. Merge modes are
 * Keras's: {@code "concat"}, {@code "sum"}, {@code "mul"}, {@code "ave"}.
 *
 * <p>Unlike DL4J's {@link Bidirectional}, whose halves share the forward layer's parameter layout,
 * initialization and regularization, each half keeps its own: parameters {@code f<key>} (the
 * forward layer's, first) then {@code b<key>}, each with its layer's initializers and
 * regularization. It extends DL4J's configuration so that DL4J hands both halves the network's
 * defaults (updater, ...) as it does to its own wrapper's. Runs as {@link BidirectionalRecurrentLayer}.
 *
 * <pre>{@code
 * Layer conf = new BidirectionalRecurrent("concat", false, forwardGru, backwardGruGoingBackwards);
 * }</pre>
 */
public class BidirectionalRecurrent extends Bidirectional {
    static final String FORWARD = "f";
    static final String BACKWARD = "b";

    private String mergeMode;
    private boolean returnSequences;

    /** For DL4J's JSON configuration. */
    public BidirectionalRecurrent() {
    }

    /**
     * @param mergeMode Keras's {@code "concat"}, {@code "sum"}, {@code "mul"} or {@code "ave"}
     * @param returnSequences true to output every time step, false for the merge of the two last outputs
     * @param forward the layer reading forwards, with {@code returnSequences} as given
     * @param backward the layer with {@code goBackwards}, the same {@code returnSequences}
     * @throws IllegalArgumentException for an unknown merge mode, a forward layer going backwards, a
     *     backward layer that does not, layers disagreeing with {@code returnSequences}, layers with
     *     packed states, or units that {@code "sum"}, {@code "mul"} or {@code "ave"} cannot merge
     */
    public BidirectionalRecurrent(String mergeMode, boolean returnSequences, KerasRecurrent forward,
                                  KerasRecurrent backward) {
        KerasBidirectional.dl4jMode(mergeMode); // validates
        String what = "BidirectionalRecurrent '" + forward.getLayerName() + "'";
        if (forward.isGoBackwards() || !backward.isGoBackwards()) {
            throw new IllegalArgumentException(what + ": the forward layer must read forwards and the backward layer"
                    + " backwards, got goBackwards=" + forward.isGoBackwards() + " and " + backward.isGoBackwards());
        }
        for (KerasRecurrent half : new KerasRecurrent[] {forward, backward}) {
            if (half.isReturnSequences() != returnSequences || half.isStateInputs() || half.isReturnState()) {
                throw new IllegalArgumentException(what + ": layer '" + half.getLayerName() + "' must have"
                        + " returnSequences=" + returnSequences + " and no packed states, got returnSequences="
                        + half.isReturnSequences() + ", stateInputs=" + half.isStateInputs() + ", returnState="
                        + half.isReturnState());
            }
        }
        if (!"concat".equals(mergeMode) && forward.getNOut() != backward.getNOut()) {
            throw new IllegalArgumentException(what + ": merge mode '" + mergeMode + "' needs both layers to have the"
                    + " same units, got " + forward.getNOut() + " and " + backward.getNOut());
        }
        setFwd(forward);
        setBwd(backward);
        setMode(KerasBidirectional.dl4jMode(mergeMode));
        this.mergeMode = mergeMode;
        this.returnSequences = returnSequences;
    }

    public String getMergeMode() {
        return mergeMode;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    KerasRecurrent forward() {
        return (KerasRecurrent) getFwd();
    }

    KerasRecurrent backward() {
        return (KerasRecurrent) getBwd();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        INDArray params = paramsView.reshape(paramsView.length());
        long split = forward().initializer().numParams(forward());
        Layer f = half(forward(), conf, listeners, index, params.get(interval(0, split)), initializeParams,
                networkDataType);
        Layer b = half(backward(), conf, listeners, index, params.get(interval(split, params.length())),
                initializeParams, networkDataType);
        BidirectionalRecurrentLayer both = new BidirectionalRecurrentLayer(conf, (KerasRecurrentLayer) f,
                (KerasRecurrentLayer) b, paramsView);
        both.setIndex(index);
        both.setListeners(listeners);
        both.setConf(conf);
        return both;
    }

    private static Layer half(KerasRecurrent layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                              int index, INDArray params, boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration halfConf = conf.clone();
        halfConf.setLayer(layer);
        return layer.instantiate(halfConf, listeners, index, params, initializeParams, networkDataType);
    }

    @Override
    public ParamInitializer initializer() {
        return BidirectionalRecurrentParams.INSTANCE;
    }

    /**
     * {@code (timesteps, size)} NWC with {@code returnSequences}, else {@code size}: the units, or
     * both layers' units side by side for {@code "concat"}.
     */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent in)) {
            throw new IllegalArgumentException("Bidirectional '" + getLayerName() + "' expects a recurrent input"
                    + " [batch, time, features] (NWC), got " + inputType);
        }
        long size = "concat".equals(mergeMode) ? forward().getNOut() + backward().getNOut() : forward().getNOut();
        return returnSequences ? InputType.recurrent(size, in.getTimeSeriesLength(), RNNFormat.NWC)
                : InputType.feedForward(size);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null; // both layers read NWC as it comes
    }

    @Override
    public RNNFormat getRNNDataFormat() {
        return RNNFormat.NWC;
    }

    /** The half a parameter {@code f<key>} or {@code b<key>} belongs to. */
    private KerasRecurrent halfOf(String paramName) {
        return paramName.startsWith(FORWARD) ? forward() : backward();
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return halfOf(paramName).getRegularizationByParam(paramName.substring(1));
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return halfOf(paramName).getUpdaterByParam(paramName.substring(1));
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    /** Only this layer's name: each half keeps its own (Keras's {@code forward_<name>}, {@code backward_<name>}). */
    @Override
    public void setLayerName(String layerName) {
        this.layerName = layerName;
    }

    /** Parameters and updater state of both halves; the working memory is the halves' step arrays, not estimated. */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = BidirectionalRecurrentParams.INSTANCE.numParams(this);
        long updaterState = getUpdaterByParam(FORWARD + KerasRecurrentParams.KERNEL) == null ? 0
                : getUpdaterByParam(FORWARD + KerasRecurrentParams.KERNEL).stateSize(params);
        return new LayerMemoryReport.Builder(getLayerName(), BidirectionalRecurrent.class, inputType,
                getOutputType(-1, inputType))
                .standardMemory(params, updaterState)
                .workingMemory(0, 0, MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public BidirectionalRecurrent clone() {
        BidirectionalRecurrent copy = (BidirectionalRecurrent) super.clone();
        copy.setFwd(getFwd().clone());
        copy.setBwd(getBwd().clone());
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BidirectionalRecurrent other && super.equals(other) && returnSequences == other.returnSequences
                && Objects.equals(mergeMode, other.mergeMode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), mergeMode, returnSequences);
    }
}
