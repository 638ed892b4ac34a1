package org.keras4j.internal.dl4j.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.keras4j.internal.dl4j.graph.KerasMergeVertex.Op;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastTo;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.bool.Or;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The runtime half of {@link KerasMergeVertex}: computes a Keras merge in Keras's shapes.
 *
 * <p>Each input is re-viewed as its Keras tensor {@code [n] + shape} (a logical c-order reshape:
 * every keras4j layout holds Keras's element order), element-wise inputs are padded with leading
 * axes of 1 and broadcast as Keras does, and the result is written, as one c-order buffer, into an
 * activation array of {@link org.keras4j.internal.dl4j.Layout#natural} dims. Backward returns each
 * input's gradient summed over the axes it was broadcast along, in the input's own DL4J shape.
 * Intermediate arrays live in whatever workspace DL4J has open for the call; outputs and
 * gradients are created in the ACTIVATIONS / ACTIVATION_GRAD workspaces, as DL4J's own vertices do.
 *
 * <pre>{@code
 * GraphVertex vertex = Dl4jMergeVertices.toDl4j(new Add(), shapes, Shape.of(4))
 *         .instantiate(graph, "add", 3, null, false, DataType.FLOAT);   // what ComputationGraph.init does
 * }</pre>
 */
public final class KerasMergeVertexImpl extends ParameterFreeVertex {
    /** Keras's {@code backend.epsilon()}: the floor of the norm in {@code normalize}. */
    static final double EPSILON = 1e-7;

    private final KerasMergeVertex conf;

    public KerasMergeVertexImpl(ComputationGraph graph, String name, int vertexIndex, KerasMergeVertex conf,
            DataType dataType) {
        super(graph, name, vertexIndex, dataType);
        this.conf = conf;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("Cannot do forward pass: inputs not set");
        }
        long n = inputs[0].size(0);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                withBatch(n, conf.outputDims()), 'c');
        // c-contiguous, so a view: writing the Keras-shaped result writes the activation array
        INDArray result = out.reshape('c', withBatch(n, conf.outputShape()));
        Op op = conf.op();
        switch (op) {
            case CONCATENATE -> {
                long start = 0;
                for (int i = 0; i < inputs.length; i++) {
                    INDArray x = kerasInput(i, n);
                    long size = x.size(conf.axis() + 1);
                    result.get(along(result.rank(), conf.axis() + 1, start, start + size)).assign(x);
                    start += size;
                }
            }
            case DOT -> {
                INDArray[] ab = dotOperands(n);
                result.assign(Nd4j.matmul(ab[0], ab[1]).reshape('c', result.shape()));
            }
            default -> {
                INDArray[] x = broadcastInputs(n);
                result.assign(x[0]);
                for (int i = 1; i < x.length; i++) {
                    switch (op) {
                        case ADD, AVERAGE -> result.addi(x[i]);
                        case SUBTRACT -> result.subi(x[i]);
                        case MULTIPLY -> result.muli(x[i]);
                        case MAXIMUM -> Transforms.max(result, x[i], false);
                        case MINIMUM -> Transforms.min(result, x[i], false);
                        default -> throw new IllegalStateException("internal: unknown merge " + op);
                    }
                }
                if (op == Op.AVERAGE) {
                    result.divi(x.length);
                }
            }
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("Cannot do backward pass: errors not set");
        }
        long n = inputs[0].size(0);
        INDArray g = keras(epsilon.castTo(dataType), withBatch(n, conf.outputShape()));
        INDArray[] grads = switch (conf.op()) {
            case CONCATENATE -> concatenateGradients(g);
            case DOT -> dotGradients(g, n);
            default -> elementwiseGradients(g, n);
        };
        INDArray[] out = new INDArray[inputs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, inputs[i].shape(), 'c');
            out[i].assign(keras(grads[i], inputs[i].shape()));
        }
        return new Pair<>(null, out);
    }

    /** Gradients of the element-wise merges at the broadcast shape, then summed back to each input's shape. */
    private INDArray[] elementwiseGradients(INDArray g, long n) {
        INDArray[] x = broadcastInputs(n);
        int k = x.length;
        INDArray[] full = new INDArray[k];
        switch (conf.op()) {
            case ADD -> Arrays.fill(full, g);
            case AVERAGE -> Arrays.fill(full, g.div(k));
            case SUBTRACT -> {
                full[0] = g;
                full[1] = g.neg();
            }
            case MULTIPLY -> {
                for (int i = 0; i < k; i++) {
                    full[i] = g.dup('c');
                    for (int j = 0; j < k; j++) {
                        if (j != i) {
                            full[i].muli(x[j]);
                        }
                    }
                }
            }
            case MAXIMUM, MINIMUM -> {
                INDArray best = x[0].dup('c');
                for (int i = 1; i < k; i++) {
                    if (conf.op() == Op.MAXIMUM) {
                        Transforms.max(best, x[i], false);
                    } else {
                        Transforms.min(best, x[i], false);
                    }
                }
                // on a tie the first input that attains the extremum takes the gradient, as TensorFlow's
                // maximum / minimum do when Keras folds them left to right
                INDArray unclaimed = Nd4j.onesLike(g);
                for (int i = 0; i < k; i++) {
                    INDArray wins = x[i].eq(best).castTo(dataType).muli(unclaimed);
                    unclaimed.subi(wins);
                    full[i] = wins.muli(g);
                }
            }
            default -> throw new IllegalStateException("internal: unknown merge " + conf.op());
        }
        int rank = g.rank();
        INDArray[] grads = new INDArray[k];
        for (int i = 0; i < k; i++) {
            long[] padded = withBatch(n, padLeft(conf.inputShape(i), rank - 1));
            List<Integer> axes = new ArrayList<>();
            for (int d = 1; d < rank; d++) {
                if (padded[d] == 1 && g.size(d) != 1) {
                    axes.add(d);
                }
            }
            grads[i] = axes.isEmpty() ? full[i]
                    : full[i].sum(true, axes.stream().mapToInt(Integer::intValue).toArray());
        }
        return grads;
    }

    private INDArray[] concatenateGradients(INDArray g) {
        INDArray[] grads = new INDArray[inputs.length];
        int axis = conf.axis() + 1;
        long start = 0;
        for (int i = 0; i < grads.length; i++) {
            long size = conf.inputShape(i)[conf.axis()];
            grads[i] = g.get(along(g.rank(), axis, start, start + size));
            start += size;
        }
        return grads;
    }

    /**
     * Backward of {@code out = A · B} per sample, with {@code A = [n, M, K]}, {@code B = [n, K, N]}:
     * {@code dA = G · Bᵀ}, {@code dB = Aᵀ · G}, then undone the permutation and normalization.
     */
    private INDArray[] dotGradients(INDArray g, long n) {
        INDArray[] ab = dotOperands(n);
        INDArray g3 = g.reshape('c', ab[0].size(0), ab[0].size(1), ab[1].size(2));
        INDArray dA = Nd4j.matmul(g3, ab[1].permute(0, 2, 1).dup('c'));
        INDArray dB = Nd4j.matmul(ab[0].permute(0, 2, 1).dup('c'), g3);
        int[] axes = conf.dotAxes();
        INDArray[] grads = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            int[] perm = dotPermutation(conf.inputShape(i).length + 1, axes[i] + 1, i == 0);
            long[] permuted = permuted(withBatch(n, conf.inputShape(i)), perm);
            INDArray d = (i == 0 ? dA : dB).reshape('c', permuted).permute(inverse(perm)).dup('c');
            if (conf.normalize()) {
                d = normalizeBackward(kerasInput(i, n), d, axes[i] + 1);
            }
            grads[i] = d;
        }
        return grads;
    }

    /** The two inputs as {@code [n, M, K]} and {@code [n, K, N]} (normalized first if asked), for a batched matmul. */
    private INDArray[] dotOperands(long n) {
        int[] axes = conf.dotAxes();
        INDArray[] out = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            INDArray x = kerasInput(i, n);
            int axis = axes[i] + 1;
            if (conf.normalize()) {
                x = x.div(broadcast(clampedNorm(x, axis), x.shape()));
            }
            int[] perm = dotPermutation(x.rank(), axis, i == 0);
            long k = x.size(axis);
            long rest = x.length() / n / k;
            x = x.permute(perm).dup('c');
            out[i] = i == 0 ? x.reshape('c', n, rest, k) : x.reshape('c', n, k, rest);
        }
        return out;
    }

    /**
     * The axes order that moves the dot axis last (first input) or right after the batch
     * (second input), keeping the other axes in order: Keras's {@code batch_dot}.
     */
    private static int[] dotPermutation(int rank, int axis, boolean last) {
        int[] perm = new int[rank];
        int k = 0;
        perm[k++] = 0;
        if (!last) {
            perm[k++] = axis;
        }
        for (int d = 1; d < rank; d++) {
            if (d != axis) {
                perm[k++] = d;
            }
        }
        if (last) {
            perm[k] = axis;
        }
        return perm;
    }

    /** {@code max(‖x‖, ε)} along {@code axis}, keeping the axis. */
    private static INDArray clampedNorm(INDArray x, int axis) {
        return Transforms.max(x.norm2(true, axis), EPSILON, false);
    }

    /**
     * Backward of {@code u = x / max(‖x‖, ε)}: {@code dx = (du − u·Σ(du·u)) / ‖x‖} where the norm
     * exceeds ε, and {@code du / ε} where it is clamped.
     */
    private static INDArray normalizeBackward(INDArray x, INDArray du, int axis) {
        INDArray r = x.norm2(true, axis);
        INDArray unclamped = r.gt(EPSILON).castTo(x.dataType());
        Transforms.max(r, EPSILON, false);
        INDArray rFull = broadcast(r, x.shape());
        INDArray u = x.div(rFull);
        INDArray projection = du.mul(u).sum(true, axis).muli(unclamped);
        return du.sub(u.muli(broadcast(projection, x.shape()))).divi(rFull);
    }

    /** The element-wise inputs, each padded to the output's rank and broadcast to the output's shape. */
    private INDArray[] broadcastInputs(long n) {
        long[] full = withBatch(n, conf.outputShape());
        INDArray[] x = new INDArray[inputs.length];
        for (int i = 0; i < x.length; i++) {
            INDArray padded = keras(inputs[i].castTo(dataType),
                    withBatch(n, padLeft(conf.inputShape(i), full.length - 1)));
            x[i] = broadcast(padded, full);
        }
        return x;
    }

    private INDArray kerasInput(int i, long n) {
        return keras(inputs[i].castTo(dataType), withBatch(n, conf.inputShape(i)));
    }

    private static INDArray broadcast(INDArray x, long[] shape) {
        if (Arrays.equals(x.shape(), shape)) {
            return x;
        }
        INDArray out = Nd4j.createUninitialized(x.dataType(), shape, 'c');
        Nd4j.exec(new BroadcastTo(x, shape, out));
        return out;
    }

    /** {@code a} re-viewed with {@code shape} in logical c-order (copied first unless c-contiguous). */
    private static INDArray keras(INDArray a, long[] shape) {
        if (Arrays.equals(a.shape(), shape)) {
            return a;
        }
        INDArray c = a.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a) && !a.isView()
                ? a : a.dup('c');
        return c.reshape('c', shape);
    }

    private static INDArrayIndex[] along(int rank, int axis, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int d = 0; d < rank; d++) {
            idx[d] = d == axis ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        }
        return idx;
    }

    private static long[] padLeft(long[] dims, int rank) {
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        System.arraycopy(dims, 0, out, rank - dims.length, dims.length);
        return out;
    }

    private static long[] withBatch(long n, long[] dims) {
        long[] out = new long[dims.length + 1];
        out[0] = n;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return out;
    }

    private static long[] permuted(long[] shape, int[] perm) {
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = shape[perm[i]];
        }
        return out;
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    /**
     * Element-wise merges OR their inputs' masks when all inputs have one of the same shape (Keras's
     * {@code compute_mask}); otherwise, and for Concatenate and Dot, the output has no mask.
     */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        Op op = conf.op();
        if (maskArrays == null || maskArrays.length == 0 || op == Op.CONCATENATE || op == Op.DOT) {
            return new Pair<>(null, currentMaskState);
        }
        for (INDArray m : maskArrays) {
            if (m == null || !m.equalShapes(maskArrays[0])) {
                return new Pair<>(null, currentMaskState);
            }
        }
        INDArray or = maskArrays[0].castTo(DataType.BOOL).dup();
        for (int i = 1; i < maskArrays.length; i++) {
            Nd4j.getExecutioner().exec(new Or(or, maskArrays[i].castTo(DataType.BOOL), or));
        }
        return new Pair<>(or.castTo(maskArrays[0].dataType()), currentMaskState);
    }

    @Override
    public String toString() {
        return "KerasMergeVertexImpl(id=" + getVertexIndex() + ", name=\"" + getVertexName() + "\", " + conf.op() + ")";
    }
}
