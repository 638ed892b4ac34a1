package org.keras4j.internal.dl4j.layers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The configuration of keras4j's recurrent layer, {@link KerasRecurrentLayer}: Keras's SimpleRNN,
 * LSTM or GRU with everything DL4J 1.0.0-M2.1's recurrent layers lack. Weights are in Keras's
 * layout and gate order ({@code W [features, G * units]}, {@code RW [units, G * units]},
 * {@code b [1, G * units]}, or {@code [2, 3 * units]} for a GRU with {@code resetAfter}); each
 * of the kernel, recurrent kernel and bias has its own regularization.
 *
 * <p>Input: NWC {@code [batch, time, features]}. With {@link Builder#stateInputs}, a rank-2
 * {@code [batch, time * features + S * units]}: the sequence (row-major {@code (time, features)}
 * per example) followed by the {@code S} initial states ({@code h}, then {@code c} for an LSTM).
 * Output: {@code [batch, time, units]} with {@code returnSequences}, {@code [batch, units]}
 * without; with {@link Builder#returnState}, a rank-2 {@code [batch, O + S * units]}: that
 * output flattened ({@code O = time * units} or {@code units}), followed by the final states. The
 * gradients of both packed forms have the same layout.
 *
 * <pre>{@code
 * KerasRecurrent gru = new KerasRecurrent.Builder().cell(KerasRecurrent.Cell.GRU).nIn(64).nOut(128)
 *         .activation(new ActivationTanH()).recurrentActivation(new ActivationSigmoid())
 *         .weightInit(WeightInit.XAVIER_UNIFORM).weightInitRecurrent(new KerasOrthogonal(1.0))
 *         .returnSequences(true).goBackwards(true).build();
 * }</pre>
 */
public class KerasRecurrent extends FeedForwardLayer {
    /** Keras's recurrent cells, each with its gate blocks in Keras's order. */
    public enum Cell {
        /** {@code h = activation(x·W + h·U + b)}. */
        SIMPLE_RNN(1, 1),
        /** Gates i, f, c, o; states h, c. */
        LSTM(4, 2),
        /** Gates z, r, h. */
        GRU(3, 1);

        private final int gates;
        private final int states;

        Cell(int gates, int states) {
            this.gates = gates;
            this.states = states;
        }

        /** Weight blocks side by side in the kernels. */
        public int gates() {
            return gates;
        }

        /** State arrays carried from step to step. */
        public int states() {
            return states;
        }
    }

    private Cell cell;
    private IActivation recurrentActivationFn;
    private IWeightInit weightInitRecurrent;
    private IWeightInit biasWeightInit;
    private List<Regularization> regularizationRecurrent = new ArrayList<>();
    private boolean useBias = true;
    private boolean unitForgetBias;
    private boolean resetAfter = true;
    private boolean returnSequences;
    private boolean goBackwards;
    private boolean stateful;
    private boolean zeroOutputForMask;
    private boolean stateInputs;
    private boolean returnState;
    private double dropout;
    private double recurrentDropout;
    /** Time steps of the sequences, or -1 for any; packed inputs need it. */
    private long timeSteps = -1;

    /** For DL4J's JSON configuration. */
    public KerasRecurrent() {
    }

    private KerasRecurrent(Builder b) {
        super(b);
        this.cell = b.cell;
        this.recurrentActivationFn = b.recurrentActivationFn;
        this.weightInitRecurrent = b.weightInitRecurrent;
        this.biasWeightInit = b.biasWeightInit;
        this.regularizationRecurrent = new ArrayList<>(b.regularizationRecurrent);
        this.useBias = b.useBias;
        this.unitForgetBias = b.unitForgetBias;
        this.resetAfter = b.resetAfter;
        this.returnSequences = b.returnSequences;
        this.goBackwards = b.goBackwards;
        this.stateful = b.stateful;
        this.zeroOutputForMask = b.zeroOutputForMask;
        this.stateInputs = b.stateInputs;
        this.returnState = b.returnState;
        this.dropout = b.dropout;
        this.recurrentDropout = b.recurrentDropout;
        this.timeSteps = b.timeSteps;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new KerasRecurrentLayer(conf, networkDataType), this, conf, listeners, index,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return KerasRecurrentParams.INSTANCE;
    }

    /**
     * @throws IllegalArgumentException unless the input is what {@link #expectedInput} describes
     */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        checkInputType(inputType);
        long steps = stepsOf(inputType);
        long units = getNOut();
        if (returnState) {
            long output = returnSequences ? Math.max(steps, 0) * units : units;
            return InputType.feedForward(output + (long) cell.states() * units);
        }
        return returnSequences ? InputType.recurrent(units, steps, RNNFormat.NWC) : InputType.feedForward(units);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        checkInputType(inputType);
        if (nIn > 0 && !override) {
            return;
        }
        if (inputType instanceof InputType.InputTypeRecurrent r) {
            nIn = r.getSize();
        } else {
            nIn = (inputType.arrayElementsPerExample() - (long) cell.states() * getNOut()) / timeSteps;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        checkInputType(inputType);
        return null; // reads NWC sequences, or the packed rank-2 rows, as they come
    }

    /** What the layer reads, in words, for error messages. */
    String expectedInput() {
        String sequence = "[batch, time, " + (nIn > 0 ? nIn : "features") + "]";
        if (!stateInputs) {
            return "a sequence " + sequence + " (NWC)";
        }
        return "packed rows [batch, time * features + " + cell.states() + " * units] = [batch, " + timeSteps + " * "
                + (nIn > 0 ? nIn : "features") + " + " + cell.states() + " * " + getNOut() + "]";
    }

    private void checkInputType(InputType inputType) {
        boolean ok = stateInputs
                ? inputType instanceof InputType.InputTypeFeedForward f && timeSteps > 0
                        && (nIn <= 0 || f.getSize() == timeSteps * nIn + (long) cell.states() * getNOut())
                : inputType instanceof InputType.InputTypeRecurrent r && (r.getFormat() == RNNFormat.NWC)
                        && (nIn <= 0 || r.getSize() == nIn);
        if (!ok) {
            throw new IllegalArgumentException(cell + " '" + getLayerName() + "' expects " + expectedInput() + ", got "
                    + inputType);
        }
    }

    private long stepsOf(InputType inputType) {
        return inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : timeSteps;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return switch (paramName) {
            case KerasRecurrentParams.KERNEL -> regularization;
            case KerasRecurrentParams.RECURRENT_KERNEL -> regularizationRecurrent;
            case KerasRecurrentParams.BIAS -> regularizationBias;
            default -> null;
        };
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    /** Parameters and updater state; the working memory is the per-shape step arrays, not estimated here. */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long params = KerasRecurrentParams.INSTANCE.numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(params);
        return new LayerMemoryReport.Builder(getLayerName(), KerasRecurrent.class, inputType, outputType)
                .standardMemory(params, updaterState)
                .workingMemory(0, 0, MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    public Cell getCell() {
        return cell;
    }

    public IActivation getRecurrentActivationFn() {
        return recurrentActivationFn;
    }

    public IWeightInit getWeightInitRecurrent() {
        return weightInitRecurrent;
    }

    public IWeightInit getBiasWeightInit() {
        return biasWeightInit;
    }

    public List<Regularization> getRegularizationRecurrent() {
        return regularizationRecurrent;
    }

    public boolean isUseBias() {
        return useBias;
    }

    public boolean isUnitForgetBias() {
        return unitForgetBias;
    }

    public boolean isResetAfter() {
        return resetAfter;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    public boolean isGoBackwards() {
        return goBackwards;
    }

    public boolean isStateful() {
        return stateful;
    }

    public boolean isZeroOutputForMask() {
        return zeroOutputForMask;
    }

    public boolean isStateInputs() {
        return stateInputs;
    }

    public boolean isReturnState() {
        return returnState;
    }

    public double getDropout() {
        return dropout;
    }

    public double getRecurrentDropout() {
        return recurrentDropout;
    }

    public long getTimeSteps() {
        return timeSteps;
    }

    /** The GRU with {@code resetAfter} keeps two bias rows (input, recurrent); every other cell one. */
    boolean twoBiasRows() {
        return cell == Cell.GRU && resetAfter;
    }

    @Override
    public KerasRecurrent clone() {
        KerasRecurrent copy = (KerasRecurrent) super.clone();
        copy.regularizationRecurrent = new ArrayList<>(regularizationRecurrent);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KerasRecurrent other) || !super.equals(o)) {
            return false;
        }
        return cell == other.cell && Objects.equals(recurrentActivationFn, other.recurrentActivationFn)
                && Objects.equals(weightInitRecurrent, other.weightInitRecurrent)
                && Objects.equals(biasWeightInit, other.biasWeightInit)
                && Objects.equals(regularizationRecurrent, other.regularizationRecurrent) && useBias == other.useBias
                && unitForgetBias == other.unitForgetBias && resetAfter == other.resetAfter
                && returnSequences == other.returnSequences && goBackwards == other.goBackwards
                && stateful == other.stateful && zeroOutputForMask == other.zeroOutputForMask
                && stateInputs == other.stateInputs && returnState == other.returnState && dropout == other.dropout
                && recurrentDropout == other.recurrentDropout && timeSteps == other.timeSteps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), cell, recurrentActivationFn, weightInitRecurrent, biasWeightInit,
                regularizationRecurrent, useBias, unitForgetBias, resetAfter, returnSequences, goBackwards, stateful,
                zeroOutputForMask, stateInputs, returnState, dropout, recurrentDropout, timeSteps);
    }

    /**
     * Builds a {@link KerasRecurrent}; DL4J's {@code nIn} (features), {@code nOut} (units),
     * {@code activation}, {@code weightInit} (kernel), {@code biasInit}, {@code regularization}
     * (kernel), {@code regularizationBias} and {@code name} as in DL4J's layers.
     */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private Cell cell;
        private IActivation recurrentActivationFn;
        private IWeightInit weightInitRecurrent;
        private IWeightInit biasWeightInit;
        private List<Regularization> regularizationRecurrent = new ArrayList<>();
        private boolean useBias = true;
        private boolean unitForgetBias;
        private boolean resetAfter = true;
        private boolean returnSequences;
        private boolean goBackwards;
        private boolean stateful;
        private boolean zeroOutputForMask;
        private boolean stateInputs;
        private boolean returnState;
        private double dropout;
        private double recurrentDropout;
        private long timeSteps = -1;

        public Builder cell(Cell cell) {
            this.cell = cell;
            return this;
        }

        /** The gates' activation (LSTM, GRU). */
        public Builder recurrentActivation(IActivation activation) {
            this.recurrentActivationFn = activation;
            return this;
        }

        public Builder weightInitRecurrent(IWeightInit init) {
            this.weightInitRecurrent = init;
            return this;
        }

        /** The bias initializer, given Keras's bias shape; without one, the constant {@code biasInit}. */
        public Builder biasWeightInit(IWeightInit init) {
            this.biasWeightInit = init;
            return this;
        }

        public Builder regularizationRecurrent(List<Regularization> regularization) {
            this.regularizationRecurrent = new ArrayList<>(regularization);
            return this;
        }

        public Builder useBias(boolean useBias) {
            this.useBias = useBias;
            return this;
        }

        /** LSTM: the forget-gate biases start at 1, whatever the bias initializer. */
        public Builder unitForgetBias(boolean unitForgetBias) {
            this.unitForgetBias = unitForgetBias;
            return this;
        }

        public Builder resetAfter(boolean resetAfter) {
            this.resetAfter = resetAfter;
            return this;
        }

        public Builder returnSequences(boolean returnSequences) {
            this.returnSequences = returnSequences;
            return this;
        }

        public Builder goBackwards(boolean goBackwards) {
            this.goBackwards = goBackwards;
            return this;
        }

        public Builder stateful(boolean stateful) {
            this.stateful = stateful;
            return this;
        }

        public Builder zeroOutputForMask(boolean zeroOutputForMask) {
            this.zeroOutputForMask = zeroOutputForMask;
            return this;
        }

        /** Read the initial states after the sequence, in packed rows (needs {@link #timeSteps}). */
        public Builder stateInputs(boolean stateInputs) {
            this.stateInputs = stateInputs;
            return this;
        }

        /** Write the final states after the output, in packed rows. */
        public Builder returnState(boolean returnState) {
            this.returnState = returnState;
            return this;
        }

        /** Keras's {@code dropout}: the fraction of input features dropped, the same ones at every step. */
        public Builder dropout(double rate) {
            this.dropout = rate;
            return this;
        }

        /** Keras's {@code recurrent_dropout}: the fraction of state units dropped, the same ones at every step. */
        public Builder recurrentDropout(double rate) {
            this.recurrentDropout = rate;
            return this;
        }

        public Builder timeSteps(long timeSteps) {
            this.timeSteps = timeSteps;
            return this;
        }

        /**
         * @throws IllegalArgumentException without a cell, activations or initializers, for a rate
         *     outside {@code [0, 1)}, or for packed state inputs without the number of time steps
         */
        @Override
        @SuppressWarnings("unchecked")
        public KerasRecurrent build() {
            String what = "KerasRecurrent '" + layerName + "'";
            if (cell == null) {
                throw new IllegalArgumentException(what + ": cell must be SIMPLE_RNN, LSTM or GRU, got null");
            }
            if (activationFn == null || (cell != Cell.SIMPLE_RNN && recurrentActivationFn == null)) {
                throw new IllegalArgumentException(what + ": activation" + (cell != Cell.SIMPLE_RNN
                        ? " and recurrentActivation" : "") + " must be set");
            }
            if (weightInitFn == null || weightInitRecurrent == null) {
                throw new IllegalArgumentException(what + ": weightInit and weightInitRecurrent must be set");
            }
            for (double rate : new double[] {dropout, recurrentDropout}) {
                if (!(rate >= 0 && rate < 1)) {
                    throw new IllegalArgumentException(what + ": dropout and recurrentDropout must be in [0, 1), got "
                            + dropout + " and " + recurrentDropout);
                }
            }
            if (stateInputs && timeSteps <= 0) {
                throw new IllegalArgumentException(what + ": stateInputs needs timeSteps > 0 to unpack the rows, got "
                        + timeSteps);
            }
            return new KerasRecurrent(this);
        }
    }
}
