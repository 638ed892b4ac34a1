package org.keras4j.internal.dl4j.graph;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The running {@link LastAxisSliceVertex}: the input viewed as {@code [rows, lastAxis]} (c order,
 * so the last axis is contiguous), columns {@code [from, to)} copied out and re-viewed in the
 * output's dims; the gradient goes back into those columns of a zero array of the input's shape.
 *
 * <pre>{@code
 * INDArray states = new LastAxisSliceVertexImpl(graph, "lstm/out1", 3, conf, DataType.FLOAT).doForward(false, mgr);
 * }</pre>
 */
public final class LastAxisSliceVertexImpl extends ParameterFreeVertex {
    private final LastAxisSliceVertex conf;

    public LastAxisSliceVertexImpl(ComputationGraph graph, String name, int vertexIndex, LastAxisSliceVertex conf,
            DataType dataType) {
        super(graph, name, vertexIndex, dataType);
        this.conf = conf;
    }

    /** {@code a} as {@code [rows, lastAxis]} in c order, where the slice's last-axis width divides the input's. */
    private INDArray matrix(INDArray a) {
        long[] dims = conf.outputDims();
        long outPerSample = 1;
        for (long d : dims) {
            outPerSample *= d;
        }
        long rows = a.size(0) * (outPerSample / (conf.to() - conf.from()));
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        return c.reshape('c', rows, c.length() / rows);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("internal: " + this + " has no input");
        }
        INDArray in = inputs[0];
        long[] shape = new long[conf.outputDims().length + 1];
        shape[0] = in.size(0);
        System.arraycopy(conf.outputDims(), 0, shape, 1, shape.length - 1);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(), shape, 'c');
        out.reshape('c', matrix(out).shape()).assign(matrix(in).get(NDArrayIndex.all(),
                NDArrayIndex.interval(conf.from(), conf.to())));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("internal: " + this + " has no input or epsilon");
        }
        INDArray in = inputs[0];
        INDArray grad = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape(), 'c');
        INDArray rows = matrix(grad);
        rows.get(NDArrayIndex.all(), NDArrayIndex.interval(conf.from(), conf.to()))
                .assign(epsilon.dup('c').reshape('c', rows.rows(), conf.to() - conf.from()));
        return new Pair<>(null, new INDArray[] {grad});
    }

    /** A per-step mask passes unchanged (the slice keeps the steps); a feed-forward slice has none. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        if (maskArrays == null || maskArrays.length == 0 || maskArrays[0] == null || conf.outputDims().length < 2) {
            return new Pair<>(null, currentMaskState);
        }
        return new Pair<>(maskArrays[0], currentMaskState);
    }

    @Override
    public String toString() {
        return "LastAxisSliceVertexImpl(id=" + getVertexIndex() + ", name=\"" + getVertexName() + "\", [" + conf.from()
                + ", " + conf.to() + "))";
    }
}
