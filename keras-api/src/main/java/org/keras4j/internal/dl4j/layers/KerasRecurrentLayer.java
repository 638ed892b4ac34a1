package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * keras4j's recurrent layer: Keras's SimpleRNN, LSTM or GRU as configured by
 * {@link KerasRecurrent}, with what DL4J 1.0.0-M2.1's recurrent layers lack (any activations,
 * no bias, any bias initializer, {@code goBackwards}, Keras's masking, dropout and recurrent
 * dropout with one mask per call, stateful layers, initial and final states in packed rows).
 * The passes run in {@link RecurrentSteps}, one instance per input shape (the last two kept).
 *
 * <p>States across calls: a {@code stateful} layer starts every call from the final states of
 * the previous one (training and inference alike) until {@link #resetStates()}; DL4J's
 * {@code rnnTimeStep} does the same for any layer, as DL4J's own recurrent layers do. Initial
 * states given in packed rows take precedence over both.
 *
 * <pre>{@code
 * KerasRecurrentLayer layer = (KerasRecurrentLayer) network.getLayer(0);
 * INDArray h = network.output(sequences);
 * layer.resetStates();
 * }</pre>
 */
public class KerasRecurrentLayer extends BaseLayer<KerasRecurrent> implements RecurrentLayer {
    private static final String[] STATE_KEYS = {"h", "c"};

    private RecurrentSteps current;
    private RecurrentSteps previous;
    private final ForwardPassMemo<RecurrentSteps> trainingPass = new ForwardPassMemo<>();
    /** A stateful layer's states for the next call, owned outside workspaces; null means zeros. */
    private INDArray[] carried;
    /** The initial states of the last training pass, for a backward pass that has to repeat it. */
    private INDArray[] trainingInitial;
    private final Map<String, INDArray> timeStepState = new HashMap<>();
    private final Map<String, INDArray> tbpttState = new HashMap<>();

    public KerasRecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Forgets the carried states: the next call of a stateful layer (or {@code rnnTimeStep}) starts from zeros. */
    public void resetStates() {
        carried = null;
        timeStepState.clear();
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return layerConf().isUseBias();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        return forward(training, null, null, workspaceMgr);
    }

    /**
     * One forward pass over {@code input} from {@code initialOverride} (or the packed, stateful
     * or zero states); stores the final states into {@code finalStates} if given.
     */
    private INDArray forward(boolean training, INDArray[] initialOverride, Map<String, INDArray> finalStates,
                             LayerWorkspaceMgr workspaceMgr) {
        trainingPass.clear();
        KerasRecurrent c = layerConf();
        Unpacked in = unpack(input);
        INDArray[] initial = in.states != null ? in.states : initialOverride != null ? initialOverride
                : c.isStateful() ? carriedStates(in.batch) : null;
        RecurrentSteps steps = steps(in.batch, in.steps);
        steps.forward(in.sequence, mask(in), initial, paramTable(), training);
        if (c.isStateful()) {
            carried = finalStates(steps);
        }
        if (finalStates != null) {
            INDArray[] last = finalStates(steps);
            for (int s = 0; s < last.length; s++) {
                finalStates.put(STATE_KEYS[s], last[s]);
            }
        }
        if (training) {
            trainingPass.keep(input, steps);
            trainingInitial = initial == null ? null : copies(initial);
        }
        return output(steps, in, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        KerasRecurrent c = layerConf();
        Unpacked in = unpack(input);
        RecurrentSteps steps = trainingPass.take(input);
        if (steps == null) {
            // DL4J backpropagates without a training pass of this input only when called directly: repeat it
            steps = steps(in.batch, in.steps);
            INDArray[] initial = in.states != null ? in.states : trainingInitial;
            steps.forward(in.sequence, mask(in), initial, paramTable(), true);
        }
        int states = c.getCell().states();
        long units = c.getNOut();
        INDArray outputEpsilon = epsilon;
        INDArray[] stateEpsilon = null;
        if (c.isReturnState()) {
            long outputSize = c.isReturnSequences() ? in.steps * units : units;
            checkShape(epsilon, new long[] {in.batch, outputSize + states * units}, "epsilon");
            INDArray head = epsilon.get(all(), interval(0, outputSize));
            outputEpsilon = c.isReturnSequences() ? head.dup('c').reshape('c', in.batch, in.steps, units) : head;
            stateEpsilon = new INDArray[states];
            for (int s = 0; s < states; s++) {
                stateEpsilon[s] = epsilon.get(all(), interval(outputSize + s * units, outputSize + (s + 1) * units));
            }
        } else {
            checkShape(epsilon, c.isReturnSequences() ? new long[] {in.batch, in.steps, units}
                    : new long[] {in.batch, units}, "epsilon");
        }
        Map<String, INDArray> gradients = gradientViews;
        steps.backward(outputEpsilon, stateEpsilon, gradients);
        Gradient gradient = new DefaultGradient();
        for (String key : KerasRecurrentParams.INSTANCE.paramKeys(c)) {
            gradient.gradientForVariable().put(key, gradients.get(key));
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        if (c.isStateInputs()) {
            long sequenceSize = in.steps * c.getNIn();
            INDArray sequence = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, steps.dataType,
                    new long[] {in.batch, in.steps, c.getNIn()}, 'c');
            steps.writeInputGradient(sequence);
            dx.get(all(), interval(0, sequenceSize)).assign(sequence.reshape('c', in.batch, sequenceSize));
            for (int s = 0; s < states; s++) {
                steps.writeInitialStateGradient(s,
                        dx.get(all(), interval(sequenceSize + s * units, sequenceSize + (s + 1) * units)));
            }
        } else {
            steps.writeInputGradient(dx);
        }
        return new Pair<>(gradient, dx);
    }

    /** The layer's output, in the workspace of activations. */
    private INDArray output(RecurrentSteps steps, Unpacked in, LayerWorkspaceMgr mgr) {
        KerasRecurrent c = layerConf();
        long units = c.getNOut();
        DataType type = steps.dataType;
        if (!c.isReturnState()) {
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, type,
                    c.isReturnSequences() ? new long[] {in.batch, in.steps, units} : new long[] {in.batch, units}, 'c');
            if (c.isReturnSequences()) {
                steps.writeSequence(out);
            } else {
                steps.writeLast(out);
            }
            return out;
        }
        long outputSize = c.isReturnSequences() ? in.steps * units : units;
        int states = c.getCell().states();
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, type,
                new long[] {in.batch, outputSize + states * units}, 'c');
        if (c.isReturnSequences()) {
            INDArray sequence = mgr.createUninitialized(ArrayType.ACTIVATIONS, type,
                    new long[] {in.batch, in.steps, units}, 'c');
            steps.writeSequence(sequence);
            out.get(all(), interval(0, outputSize)).assign(sequence.reshape('c', in.batch, outputSize));
        } else {
            steps.writeLast(out.get(all(), interval(0, units)));
        }
        for (int s = 0; s < states; s++) {
            steps.writeState(s, out.get(all(), interval(outputSize + s * units, outputSize + (s + 1) * units)));
        }
        return out;
    }

    /** The input split into the sequence {@code [batch, steps, features]} and, with packed rows, the initial states. */
    private record Unpacked(INDArray sequence, INDArray[] states, long batch, long steps) {
    }

    private Unpacked unpack(INDArray in) {
        KerasRecurrent c = layerConf();
        String layer = c.getCell() + " '" + c.getLayerName() + "'";
        if (c.isStateInputs()) {
            long steps = c.getTimeSteps();
            long sequenceSize = steps * c.getNIn();
            int states = c.getCell().states();
            if (in.rank() != 2 || in.size(1) != sequenceSize + states * c.getNOut()) {
                throw new IllegalArgumentException(layer + " expects " + c.expectedInput() + ", got "
                        + Arrays.toString(in.shape()));
            }
            long batch = in.size(0);
            INDArray sequence = in.get(all(), interval(0, sequenceSize)).dup('c').reshape('c', batch, steps, c.getNIn());
            INDArray[] initial = new INDArray[states];
            for (int s = 0; s < states; s++) {
                initial[s] = in.get(all(), interval(sequenceSize + s * c.getNOut(), sequenceSize + (s + 1) * c.getNOut()));
            }
            return new Unpacked(sequence, initial, batch, steps);
        }
        if (in.rank() != 3 || in.size(2) != c.getNIn() || in.size(1) < 1) {
            throw new IllegalArgumentException(layer + " expects " + c.expectedInput() + ", got "
                    + Arrays.toString(in.shape()));
        }
        return new Unpacked(in, null, in.size(0), in.size(1));
    }

    /** The feature mask {@code [batch, steps]}, or null. */
    private INDArray mask(Unpacked in) {
        if (maskArray == null) {
            return null;
        }
        if (maskArray.rank() != 2 || maskArray.size(0) != in.batch || maskArray.size(1) != in.steps) {
            KerasRecurrent c = layerConf();
            throw new IllegalArgumentException(c.getCell() + " '" + c.getLayerName() + "' expects a mask [batch, time] = ["
                    + in.batch + ", " + in.steps + "], got " + Arrays.toString(maskArray.shape()));
        }
        return maskArray;
    }

    private void checkShape(INDArray array, long[] expected, String what) {
        if (!Arrays.equals(array.shape(), expected)) {
            KerasRecurrent c = layerConf();
            throw new IllegalArgumentException(c.getCell() + " '" + c.getLayerName() + "': " + what + " must be "
                    + Arrays.toString(expected) + ", got " + Arrays.toString(array.shape()));
        }
    }

    /** The engine for this shape, of the two kept. */
    private RecurrentSteps steps(long batch, long steps) {
        DataType type = getParam(KerasRecurrentParams.KERNEL).dataType();
        if (current == null || !current.fits(batch, steps, type)) {
            RecurrentSteps other = previous != null && previous.fits(batch, steps, type) ? previous
                    : new RecurrentSteps(layerConf(), batch, steps, type);
            previous = current;
            current = other;
        }
        return current;
    }

    private INDArray[] carriedStates(long batch) {
        if (carried == null) {
            return null;
        }
        if (carried[0].size(0) != batch) {
            KerasRecurrent c = layerConf();
            throw new IllegalArgumentException(c.getCell() + " '" + c.getLayerName() + "' is stateful: its batch size must"
                    + " stay " + carried[0].size(0) + " (the previous batch's), got " + batch
                    + "; call resetStates() before changing it");
        }
        return carried;
    }

    /** The final states of the last pass, as owned arrays outside any workspace. */
    private INDArray[] finalStates(RecurrentSteps steps) {
        int states = layerConf().getCell().states();
        INDArray[] out = new INDArray[states];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int s = 0; s < states; s++) {
                out[s] = Nd4j.create(steps.dataType, steps.batch, steps.units);
                steps.writeState(s, out[s]);
            }
        }
        return out;
    }

    private static INDArray[] copies(INDArray[] arrays) {
        INDArray[] out = new INDArray[arrays.length];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int i = 0; i < arrays.length; i++) {
                out[i] = arrays[i] == null ? null : arrays[i].dup('c');
            }
        }
        return out;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        KerasRecurrent c = layerConf();
        // Keras passes the mask on only with the whole sequence as output
        return c.isReturnSequences() && !c.isReturnState() ? new Pair<>(maskArray, currentMaskState) : null;
    }

    @Override
    public void clear() {
        super.clear();
        trainingPass.clear();
    }

    // DL4J's stored-state API

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        boolean single = input.rank() == 2 && !layerConf().isStateInputs();
        setInput(single ? input.reshape(input.size(0), 1, input.size(1)) : input, workspaceMgr);
        INDArray[] initial = layerConf().isStateful() ? null : stored(timeStepState, this.input.size(0));
        Map<String, INDArray> last = new HashMap<>();
        INDArray out = forward(false, initial, last, workspaceMgr);
        if (!layerConf().isStateful()) {
            timeStepState.clear();
            timeStepState.putAll(last);
        }
        return single && out.rank() == 3 ? out.reshape(out.size(0), out.size(2)) : out;
    }

    @Override
    public Map<String, INDArray> rnnGetPreviousState() {
        return new HashMap<>(timeStepState);
    }

    @Override
    public void rnnSetPreviousState(Map<String, INDArray> stateMap) {
        timeStepState.clear();
        timeStepState.putAll(stateMap);
    }

    @Override
    public void rnnClearPreviousState() {
        resetStates();
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Map<String, INDArray> last = storeLastForTBPTT ? new HashMap<>() : null;
        INDArray out = forward(training, stored(tbpttState, input.size(0)), last, workspaceMgr);
        if (last != null) {
            tbpttState.clear();
            tbpttState.putAll(last);
        }
        return out;
    }

    @Override
    public Map<String, INDArray> rnnGetTBPTTState() {
        return new HashMap<>(tbpttState);
    }

    @Override
    public void rnnSetTBPTTState(Map<String, INDArray> state) {
        tbpttState.clear();
        tbpttState.putAll(state);
    }

    /** Backpropagates through the whole segment of the last forward pass (DL4J's default TBPTT length is the segment). */
    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        return backpropGradient(epsilon, workspaceMgr);
    }

    /** The states in {@code map} for a batch of {@code batch}, or null (zeros) if there are none. */
    private INDArray[] stored(Map<String, INDArray> map, long batch) {
        int states = layerConf().getCell().states();
        if (!map.containsKey(STATE_KEYS[0])) {
            return null;
        }
        INDArray[] out = new INDArray[states];
        for (int s = 0; s < states; s++) {
            out[s] = map.get(STATE_KEYS[s]);
            if (out[s] == null || out[s].size(0) != batch) {
                throw new IllegalArgumentException("stored state '" + STATE_KEYS[s] + "' of " + layerConf().getLayerName()
                        + " is for a batch of " + (out[s] == null ? "none" : out[s].size(0)) + ", got " + batch
                        + "; clear it with rnnClearPreviousState()");
            }
        }
        return out;
    }
}
