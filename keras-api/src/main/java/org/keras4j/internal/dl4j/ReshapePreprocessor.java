package org.keras4j.internal.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.keras4j.Shape;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * Re-views activations of one {@link Layout} as another: a c-order reshape forward and back,
 * free for contiguous arrays. This is how Flatten and Reshape run (Keras's row-major order,
 * channels last), and how 1-D layers see {@code (steps, channels)} as {@code (steps, 1,
 * channels)}. DL4J's own {@code RnnToFeedForwardPreProcessor} would instead fold the steps into
 * the batch.
 *
 * <pre>{@code
 * list.inputPreProcessor(3, new ReshapePreprocessor(Layout.image(Shape.of(7, 7, 32)), Layout.flat(Shape.of(1568)), false));
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ReshapePreprocessor implements InputPreProcessor {
    private long[] inputDims;
    private long[] outputDims;
    private Layout.Kind outputKind;
    private boolean networkInput;
    /** Steps folded into the batch before and after (TimeDistributed); 1 for none, also in older JSON. */
    private long inputFold = 1;
    private long outputFold = 1;

    /** For JSON deserialization. */
    public ReshapePreprocessor() {
    }

    /**
     * @param networkInput whether this re-views the network's input (layer 0), which DL4J lets
     *     stay outside its workspaces
     * @throws IllegalArgumentException if the layouts hold different numbers of values
     */
    public ReshapePreprocessor(Layout from, Layout to, boolean networkInput) {
        if (from.size() != to.size()) {
            throw new IllegalArgumentException("cannot re-view " + from + " as " + to + ": sizes differ");
        }
        this.inputDims = from.dims();
        this.outputDims = to.dims();
        this.outputKind = to.kind();
        this.networkInput = networkInput;
        this.inputFold = from.fold();
        this.outputFold = to.fold();
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = view(input, input.size(0) / inputFold * outputFold, outputDims, workspaceMgr, ArrayType.ACTIVATIONS);
        if (!networkInput && !out.isAttached() && workspaceMgr.isWorkspaceOpen(ArrayType.ACTIVATIONS)) {
            // the user's input passed through element-wise layers (dropout at inference) is detached,
            // and DL4J requires the activations of layers after the first in its workspace
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, out);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (output == null) {
            return null; // a layer with no gradient for its input (an Embedding: indices are not differentiable)
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD,
                view(output, output.size(0) / outputFold * inputFold, inputDims, workspaceMgr, ArrayType.ACTIVATION_GRAD));
    }

    private static INDArray view(INDArray a, long rows, long[] dims, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        long[] shape = new long[dims.length + 1];
        shape[0] = rows;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        if (Arrays.equals(a.shape(), shape)) {
            return a;
        }
        INDArray in = a.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a)
                ? a : workspaceMgr.dup(type, a, 'c');
        return in.reshape('c', shape);
    }

    @Override
    public InputPreProcessor clone() {
        ReshapePreprocessor c = new ReshapePreprocessor();
        c.inputDims = inputDims.clone();
        c.outputDims = outputDims.clone();
        c.outputKind = outputKind;
        c.networkInput = networkInput;
        c.inputFold = inputFold;
        c.outputFold = outputFold;
        return c;
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return new Layout(outputKind, outputDims.clone()).inputType(); // of one DL4J row, folded or not
    }

    /**
     * Per-example masks {@code [batch, 1]} pass a re-view that folds no steps. A Keras step mask
     * {@code [batch, timesteps]} ends here: the layers that pass it on (Dense, Dropout,
     * activations, recurrent layers) read the sequence layout it arrives in, so a re-view means a
     * layer Keras drops the mask at (Conv1D, Flatten, TimeDistributed, ...) or the output layer,
     * which takes the loss mask as its labels mask instead ({@code MaskPlan} decides which).
     */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        if (maskArray == null || (maskArray.rank() == 2 && maskArray.size(1) == 1 && inputFold == outputFold)) {
            return new Pair<>(maskArray, currentMaskState);
        }
        return new Pair<>(null, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReshapePreprocessor other && Arrays.equals(inputDims, other.inputDims)
                && Arrays.equals(outputDims, other.outputDims) && outputKind == other.outputKind
                && networkInput == other.networkInput && inputFold == other.inputFold && outputFold == other.outputFold;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputDims) * 31 + Arrays.hashCode(outputDims);
    }

    @Override
    public String toString() {
        return "ReshapePreprocessor(" + Arrays.toString(inputDims) + (inputFold == 1 ? "" : " x" + inputFold) + " -> "
                + outputKind + Arrays.toString(outputDims) + (outputFold == 1 ? "" : " x" + outputFold) + ")";
    }
}
