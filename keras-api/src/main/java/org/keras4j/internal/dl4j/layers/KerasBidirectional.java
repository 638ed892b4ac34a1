package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code Bidirectional} on DL4J: DL4J's {@link Bidirectional} runs the two recurrent
 * layers over the whole sequence, the backward one on the reversed sequence (its outputs
 * reversed back into time order), and holds both layers' parameters, forward first. With
 * {@code returnSequences} DL4J's wrapper also merges the outputs, its modes being Keras's. Without,
 * DL4J's wrapper runs in {@code CONCAT} mode and {@link BidirectionalLastSteps} picks each
 * direction's last output and merges them: DL4J's {@code LastTimeStep} around the recurrent
 * layers would give the backward layer's state after its first step instead of after its last.
 * Both run as {@link KerasBidirectionalLayer}, which gives the recurrent layers the features mask,
 * an LSTM as {@link MaskedBackpropLstm}, whose backprop honours it.
 *
 * <p>Both layers must be NWC {@link BaseRecurrentLayer}s with the same parameter layout (DL4J
 * initializes, regularizes and updates both halves as the forward layer).
 *
 * <pre>{@code
 * Layer conf = new KerasBidirectional("concat", false, forwardLstmConf, backwardLstmConf);
 * }</pre>
 */
public class KerasBidirectional extends Bidirectional {
    private String mergeMode;
    private boolean returnSequences;

    /** For DL4J's JSON configuration. */
    public KerasBidirectional() {
    }

    /**
     * @param mergeMode Keras's {@code "concat"}, {@code "sum"}, {@code "mul"} or {@code "ave"}
     * @param returnSequences true to output every time step, false for the last output of each direction
     * @param forward the recurrent layer reading forwards, outputting every step
     * @param backward the same kind of layer, run on the reversed sequence
     * @throws IllegalArgumentException for an unknown merge mode or a layer that is not NWC recurrent
     */
    public KerasBidirectional(String mergeMode, boolean returnSequences, BaseRecurrentLayer forward,
                              BaseRecurrentLayer backward) {
        super(returnSequences ? dl4jMode(mergeMode) : Mode.CONCAT, forward);
        for (BaseRecurrentLayer l : new BaseRecurrentLayer[] {forward, backward}) {
            if (l.getRnnDataFormat() != RNNFormat.NWC) {
                throw new IllegalArgumentException("KerasBidirectional: layer " + l.getLayerName() + " must read NWC, got "
                        + l.getRnnDataFormat());
            }
        }
        setBwd(backward);
        this.mergeMode = mergeMode;
        this.returnSequences = returnSequences;
    }

    /** DL4J's mode for Keras's merge mode. */
    static Mode dl4jMode(String mergeMode) {
        return switch (mergeMode) {
            case "concat" -> Mode.CONCAT;
            case "sum" -> Mode.ADD;
            case "mul" -> Mode.MUL;
            case "ave" -> Mode.AVERAGE;
            default -> throw new IllegalArgumentException("KerasBidirectional: mergeMode must be one of [concat, sum,"
                    + " mul, ave], got '" + mergeMode + "'");
        };
    }

    public String getMergeMode() {
        return mergeMode;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        // as DL4J's Bidirectional, with the layer that passes the mask on
        NeuralNetConfiguration forwardConf = conf.clone();
        NeuralNetConfiguration backwardConf = conf.clone();
        forwardConf.setLayer(getFwd());
        backwardConf.setLayer(getBwd());
        INDArray params = paramsView.reshape(paramsView.length());
        long half = params.length() / 2;
        Layer forward = half(getFwd(), forwardConf, listeners, index, params.get(interval(0, half)), initializeParams,
                networkDataType);
        Layer backward = half(getBwd(), backwardConf, listeners, index, params.get(interval(half, 2 * half)),
                initializeParams, networkDataType);
        KerasBidirectionalLayer both = new KerasBidirectionalLayer(conf, forward, backward, paramsView);
        both.setParamTable(initializer().init(conf, paramsView, initializeParams));
        both.setConf(conf);
        return returnSequences ? both : new BidirectionalLastSteps(both, mergeMode);
    }

    /** One direction's layer; an LSTM as {@link MaskedBackpropLstm}, whose backprop honours the mask. */
    private static Layer half(org.deeplearning4j.nn.conf.layers.Layer layerConf, NeuralNetConfiguration conf,
                              Collection<TrainingListener> listeners, int index, INDArray params, boolean initializeParams,
                              DataType networkDataType) {
        if (layerConf instanceof org.deeplearning4j.nn.conf.layers.LSTM) {
            return LayerWiring.wire(new MaskedBackpropLstm(conf, networkDataType), layerConf, conf, listeners, index,
                    params, initializeParams);
        }
        return layerConf.instantiate(conf, listeners, index, params, initializeParams, networkDataType);
    }

    /**
     * Keras's output: {@code (timesteps, size)} NWC with {@code returnSequences}, else {@code size},
     * where size is the units, doubled by {@code "concat"}. (DL4J's own drops the number of
     * time steps and, in {@code CONCAT} mode, always doubles.)
     */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent in)) {
            throw new IllegalArgumentException("KerasBidirectional " + getLayerName() + " expects a recurrent input, got "
                    + inputType);
        }
        long units = ((BaseRecurrentLayer) getFwd()).getNOut();
        long size = "concat".equals(mergeMode) ? 2 * units : units;
        return returnSequences ? InputType.recurrent(size, in.getTimeSeriesLength(), RNNFormat.NWC)
                : InputType.feedForward(size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasBidirectional other && super.equals(other) && returnSequences == other.returnSequences
                && Objects.equals(mergeMode, other.mergeMode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), mergeMode, returnSequences);
    }
}
