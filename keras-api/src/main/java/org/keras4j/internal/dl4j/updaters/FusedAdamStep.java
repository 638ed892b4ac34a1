package org.keras4j.internal.dl4j.updaters;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.keras4j.backend.Backend;
import org.keras4j.internal.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A training step of a {@code MultiLayerNetwork} whose every parameter is updated by
 * {@link HostAdam}: DL4J computes the gradient and score ({@code computeGradientAndScore}), then
 * one pass over the parameters, in chunks that stay in the core's cache, divides the gradient by
 * the batch size, applies Adam and subtracts the update from the parameters. {@code fit} makes
 * that three passes over the whole gradient (an ND4J division, the updater's host copies in and
 * out, an ND4J subtraction) plus the solver's bookkeeping: for W1's 535,818 parameters about 40 MB
 * of memory traffic a step, against 14 MB here. Same results as {@code fit} within float rounding
 * (the same float operations in the same order); the gradient view keeps the batch's summed
 * gradient instead of the update.
 *
 * <p>It declines networks with gradient normalization, regularization, constraints, parameters
 * that are not divided by the batch size (batch normalization's statistics), truncated BPTT, any
 * other updater, non-FLOAT parameters or a non-CPU backend ({@link #of} returns null), and steps
 * before DL4J has made its updater ({@link #train} returns empty: the caller runs {@code fit}).
 * Off with {@value #PROPERTY}{@code =false}, read when the network is compiled.
 *
 * <pre>{@code
 * FusedAdamStep step = FusedAdamStep.of(network);          // null: not a network it takes
 * OptionalDouble loss = step.train(features, labels);      // empty: run network.fit instead
 * }</pre>
 */
public final class FusedAdamStep {
    /** System property: false keeps DL4J's {@code fit} step. */
    public static final String PROPERTY = "keras4j.adam.fusedStep";
    /** Values per array per chunk: five arrays of 64 KB stay in a core's L2 cache. */
    private static final int CHUNK = 16_384;

    private final MultiLayerNetwork network;
    private final INDArray params;
    private final float[] g = new float[CHUNK];
    private final float[] m = new float[CHUNK];
    private final float[] v = new float[CHUNK];
    private final float[] p = new float[CHUNK];
    private Updater updater;
    private INDArray gradients;
    private List<Block> blocks;

    /** An updater block: its parameter range and DL4J's Adam state views for it. */
    private record Block(int from, int to, Adam config, INDArray mView, INDArray vView) {
    }

    private FusedAdamStep(MultiLayerNetwork network) {
        this.network = network;
        this.params = network.params();
    }

    /** Whether the fused step is on ({@value #PROPERTY}, default true). */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** The fused step of {@code network}, or null when it does not take the network or is off. */
    public static FusedAdamStep of(MultiLayerNetwork network) {
        INDArray params = network.params();
        if (!enabled() || !Backend.isCpu() || network.getLayerWiseConfigurations().getBackpropType() != BackpropType.Standard
                || params == null || params.dataType() != DataType.FLOAT || !HostArrays.rowMajorContiguous(params)
                || params.length() > Integer.MAX_VALUE) {
            return null;
        }
        for (Layer layer : network.getLayers()) {
            if (layer.numParams() == 0) {
                continue;
            }
            if (!(layer.conf().getLayer() instanceof BaseLayer conf) || !(conf.getIUpdater() instanceof HostAdam)
                    || (conf.getBiasUpdater() != null && !(conf.getBiasUpdater() instanceof HostAdam))
                    || (conf.getConstraints() != null && !conf.getConstraints().isEmpty())
                    || (conf.getGradientNormalization() != null && conf.getGradientNormalization() != GradientNormalization.None)
                    || (conf.getRegularization() != null && !conf.getRegularization().isEmpty())
                    || (conf.getRegularizationBias() != null && !conf.getRegularizationBias().isEmpty())) {
                return null;
            }
            for (String param : layer.paramTable().keySet()) {
                if (!layer.updaterDivideByMinibatch(param)) {
                    return null;
                }
            }
        }
        return new FusedAdamStep(network);
    }

    /**
     * One training step on {@code x} and {@code y}, as {@code network.fit(x, y)} with no masks.
     *
     * @return the batch's score, or empty when the caller must run {@code fit}: DL4J has not made its
     *     updater yet (the first step), or the parameters or updater were replaced by ones this does not take
     */
    public synchronized OptionalDouble train(INDArray x, INDArray y) {
        if (network.params() != params || !updaterReady()) {
            return OptionalDouble.empty();
        }
        network.setInput(x);
        network.setLabels(y);
        network.setLayerMaskArrays(null, null);
        network.computeGradientAndScore();
        int iteration = network.getIterationCount();
        int epoch = network.getEpochCount();
        float divisor = network.conf().isMiniBatch() ? network.batchSize() : 1f;
        for (Block b : blocks) {
            update(b, divisor, iteration, epoch);
        }
        network.setIterationCount(iteration + 1);
        return OptionalDouble.of(network.score());
    }

    /** Adam over the block's range, a chunk at a time: read gradient, moments and parameters, write moments and parameters. */
    private void update(Block b, float divisor, int iteration, int epoch) {
        FloatPointer gp = new FloatPointer(gradients.data().addressPointer());
        FloatPointer pp = new FloatPointer(params.data().addressPointer());
        FloatPointer mp = new FloatPointer(b.mView.data().addressPointer()); // a view's buffer starts at the view
        FloatPointer vp = new FloatPointer(b.vView.data().addressPointer());
        try {
            for (int start = b.from; start < b.to; start += CHUNK) {
                int n = Math.min(CHUNK, b.to - start);
                gp.position(start).get(g, 0, n);
                pp.position(start).get(p, 0, n);
                mp.position(start - b.from).get(m, 0, n);
                vp.position(start - b.from).get(v, 0, n);
                HostAdam.stepAndApply(b.config, iteration, epoch, divisor, g, m, v, p, n);
                mp.position(start - b.from).put(m, 0, n);
                vp.position(start - b.from).put(v, 0, n);
                pp.position(start).put(p, 0, n);
            }
        } finally {
            // the pointers carry only addresses: a collection during the copies would free the arrays
            Reference.reachabilityFence(gradients);
            Reference.reachabilityFence(params);
            Reference.reachabilityFence(b.mView);
            Reference.reachabilityFence(b.vView);
        }
    }

    /**
     * True once DL4J's updater exists with HostAdam's updater on contiguous FLOAT state for every
     * block, the blocks covering every parameter in order; caches them. DL4J replaces its updater
     * when the learning rate changes.
     */
    private boolean updaterReady() {
        Updater current = network.getUpdater(false);
        if (current == updater && updater != null) {
            return true;
        }
        if (!(current instanceof BaseMultiLayerUpdater<?> multi)) {
            return false;
        }
        INDArray flat = multi.getFlattenedGradientsView();
        if (flat == null || flat.length() != params.length() || flat.dataType() != DataType.FLOAT
                || !HostArrays.rowMajorContiguous(flat)) {
            return false;
        }
        List<Block> found = new ArrayList<>();
        long next = 0;
        for (UpdaterBlock block : multi.getUpdaterBlocks()) {
            if (block.getParamOffsetStart() != next
                    || !(block.getGradientUpdater() instanceof HostAdam.HostAdamUpdater adam)) {
                return false;
            }
            INDArray mView = adam.getM();
            INDArray vView = adam.getV();
            long length = block.getParamOffsetEnd() - block.getParamOffsetStart();
            if (!state(mView, length) || !state(vView, length)) {
                return false;
            }
            found.add(new Block(block.getParamOffsetStart(), block.getParamOffsetEnd(), (Adam) adam.getConfig(), mView, vView));
            next = block.getParamOffsetEnd();
        }
        if (next != params.length()) {
            return false;
        }
        updater = current;
        gradients = flat;
        blocks = found;
        return true;
    }

    private static boolean state(INDArray view, long length) {
        return view != null && view.length() == length && view.dataType() == DataType.FLOAT
                && HostArrays.rowMajorContiguous(view);
    }
}
