package org.keras4j.internal.dl4j.jvm;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.keras4j.backend.Backend;
import org.keras4j.backend.JvmPath;
import org.keras4j.internal.HostArrays;
import org.keras4j.internal.dl4j.layers.RowMajorDenseLayer;
import org.keras4j.internal.dl4j.layers.RowMajorOutputLayer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains and runs a small stack of dense layers on the JVM instead of through ND4J's native
 * operations, on the network's own parameters and optimizer state.
 *
 * <p>A training step of DL4J 1.0.0-M2.1 dispatches about 36 native operations for a 2-8-1
 * network; each costs 5-35 µs whatever the size of its arrays, so such a step takes a
 * millisecond for a few hundred multiply-adds. {@link DenseStack} computes the forward pass,
 * the loss and every gradient in float loops instead, and the step then updates the parameters
 * exactly as {@code MultiLayerNetwork.fit} does: the gradient divided by the batch size, each
 * updater block's rule in order (SGD, Adam and Keras's SGD with momentum and RMSprop on the JVM,
 * {@link JvmUpdater}, on a host copy of DL4J's updater state; any other rule through DL4J's own
 * updater), parameters minus the update, iteration count plus one, score set. Once DL4J has made
 * its updater, a step with those rules dispatches no ND4J operation.
 *
 * <p>It takes a network of keras4j's dense layers ending in its output layer, with identity,
 * relu, sigmoid, tanh or softmax activations, the losses of {@link JvmLoss} (mean squared and
 * absolute error, binary, categorical and sparse categorical cross-entropy), FLOAT parameters,
 * and nothing that changes DL4J's step: no dropout,
 * weight noise, constraints, gradient normalization, regularization, layer norm, input
 * preprocessors or truncated BPTT; and at most an eighth of {@link JvmPath#maxMultiplyAdds()}
 * parameters. A step is taken only for batches whose forward pass is within that limit;
 * otherwise, and for sample weights or DL4J listeners, the caller runs DL4J.
 *
 * <pre>{@code
 * JvmDenseNetwork jvm = JvmDenseNetwork.of(network);    // null: not a network it takes
 * OptionalDouble loss = jvm.train(x, y);                 // empty: run network.fit instead
 * }</pre>
 */
public final class JvmDenseNetwork {
    private final MultiLayerNetwork network;
    private final INDArray params;
    /** The address of {@link #params}' values (contiguous FLOAT, checked in {@link #of}), valid while it lives. */
    private final FloatPointer paramsPointer;
    private final DataBuffer paramsData;
    private final int paramCount;
    private final DenseStack stack;
    private final long multiplyAddsPerExample;
    private final long maxMultiplyAdds;
    private Updater updater;
    private List<INDArray> blockGradients;
    private INDArray gradients;
    private float[] paramValues;
    private float[] gradientValues;
    private float[] x;
    private float[] y;
    /** The last step's outputs, rewritten by each step of the same batch size. */
    private INDArray outputs;
    /** The updater blocks when each has a JVM form ({@link JvmUpdater}), else null: DL4J's updaters run. */
    private List<JvmBlock> jvmBlocks;

    /** An updater block updated on the JVM: its parameter range, its update rule, its state and a host copy. */
    private static final class JvmBlock {
        final int from;
        final int to;
        final JvmUpdater updater;
        /** The block's state in DL4J's updater state array, or null for a stateless rule. */
        final INDArray stateView;
        float[] state;

        JvmBlock(int from, int to, JvmUpdater updater, INDArray stateView) {
            this.from = from;
            this.to = to;
            this.updater = updater;
            this.stateView = stateView;
        }
    }

    private JvmDenseNetwork(MultiLayerNetwork network, DenseStack stack, long maxMultiplyAdds) {
        this.network = network;
        this.maxMultiplyAdds = maxMultiplyAdds;
        this.params = network.params();
        // taken once: ND4J's address lookup costs more than copying a tiny network's parameters
        this.paramsData = params.data();
        this.paramsPointer = new FloatPointer(paramsData.addressPointer());
        this.paramCount = Math.toIntExact(params.length());
        this.stack = stack;
        this.multiplyAddsPerExample = stack.multiplyAddsPerExample();
    }

    /**
     * The JVM form of {@code network}, or null when it has layers or settings this does not
     * compute, or the path is off. Reads the limit now, once per network.
     *
     * @throws IllegalArgumentException if {@value JvmPath#MAX_MULTIPLY_ADDS_PROPERTY} is not a whole number >= 0
     */
    public static JvmDenseNetwork of(MultiLayerNetwork network) {
        long limit = JvmPath.maxMultiplyAdds();
        if (limit == 0 || network.numParams() > limit / 8
                || network.getLayerWiseConfigurations().getBackpropType() != BackpropType.Standard
                || !network.getLayerWiseConfigurations().getInputPreProcessors().isEmpty()) {
            return null;
        }
        INDArray params = network.params();
        if (params == null || params.dataType() != DataType.FLOAT || !HostArrays.rowMajorContiguous(params)
                || !params.isVector() || !Backend.isCpu()) {
            return null;
        }
        org.deeplearning4j.nn.api.Layer[] layers = network.getLayers();
        List<DenseStack.DenseLayer> dense = new ArrayList<>();
        long offset = 0;
        JvmLoss loss = null;
        for (int i = 0; i < layers.length; i++) {
            boolean last = i == layers.length - 1;
            Class<?> type = layers[i].getClass();
            if (last ? type != RowMajorOutputLayer.class : type != RowMajorDenseLayer.class) {
                return null;
            }
            BaseLayer conf = (BaseLayer) layers[i].conf().getLayer();
            DenseStack.DenseLayer layer = denseLayer(layers[i], conf, params, offset);
            if (layer == null) {
                return null;
            }
            dense.add(layer);
            offset += layers[i].numParams();
            if (last) {
                loss = JvmLoss.of(((org.deeplearning4j.nn.conf.layers.OutputLayer) conf).getLossFn(), layer.activation());
            }
        }
        if (loss == null || offset != params.length()) {
            return null;
        }
        return new JvmDenseNetwork(network, new DenseStack(dense.toArray(DenseStack.DenseLayer[]::new), loss), limit);
    }

    /** The layer's widths, activation and parameter offsets, or null if DL4J's step would differ. */
    private static DenseStack.DenseLayer denseLayer(org.deeplearning4j.nn.api.Layer layer, BaseLayer conf,
                                                    INDArray params, long offset) {
        if (conf.getIDropout() != null || conf.getWeightNoise() != null
                || (conf.getConstraints() != null && !conf.getConstraints().isEmpty())
                || (conf.getGradientNormalization() != null && conf.getGradientNormalization() != GradientNormalization.None)
                || (conf.getRegularization() != null && !conf.getRegularization().isEmpty())
                || (conf.getRegularizationBias() != null && !conf.getRegularizationBias().isEmpty())
                || (conf instanceof DenseLayer d && d.hasLayerNorm())) {
            return null;
        }
        JvmActivation activation = JvmActivation.of(conf.getActivationFn());
        org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf;
        int nIn = Math.toIntExact(ff.getNIn());
        int nOut = Math.toIntExact(ff.getNOut());
        INDArray kernel = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bias = layer.paramTable().containsKey(DefaultParamInitializer.BIAS_KEY)
                ? layer.getParam(DefaultParamInitializer.BIAS_KEY) : null;
        long expected = (long) nIn * nOut + (bias == null ? 0 : nOut);
        if (activation == null || kernel == null || layer.numParams() != expected
                || !at(kernel, params, offset, nIn * (long) nOut) || kernel.ordering() != 'f'
                || (bias != null && !at(bias, params, offset + (long) nIn * nOut, nOut))) {
            return null;
        }
        int kernelOffset = Math.toIntExact(offset);
        return new DenseStack.DenseLayer(nIn, nOut, kernelOffset, bias == null ? -1 : kernelOffset + nIn * nOut, activation);
    }

    /** True when {@code view} is the {@code length} values of {@code params} from {@code offset}. */
    private static boolean at(INDArray view, INDArray params, long offset, long length) {
        long size = params.dataType().width();
        return view.length() == length && view.dataType() == params.dataType()
                && view.data().addressPointer().address() == params.data().addressPointer().address() + offset * size;
    }

    /** True when a batch of {@code rows} examples is within the limit read when this was made. */
    public boolean takes(long rows) {
        return rows > 0 && rows <= maxMultiplyAdds / multiplyAddsPerExample;
    }

    /**
     * One training step on {@code x [rows, nIn]} and {@code y [rows, nOut]}, as
     * {@code network.fit(x, y)} with no masks would take it.
     *
     * @return the batch's mean loss (DL4J's score), or empty when the caller must run DL4J: the
     *     batch is too large or of another shape, the network's parameters were replaced, or
     *     DL4J has not made its updater yet (the first step)
     */
    public synchronized OptionalDouble train(INDArray x, INDArray y) {
        if (x.rank() != 2 || y.rank() != 2 || x.size(1) != stack.inputWidth() || y.size(1) != stack.labelWidth()
                || y.size(0) != x.size(0) || !takes(x.size(0)) || !sameParams() || !updaterReady()) {
            return OptionalDouble.empty();
        }
        int rows = (int) x.size(0);
        this.y = HostArrays.readFloats(y, this.y);
        if (!stack.takesLabels(this.y, rows)) {
            return OptionalDouble.empty();
        }
        paramValues = readParams(paramValues);
        this.x = HostArrays.readFloats(x, this.x);
        if (gradientValues == null) {
            gradientValues = new float[paramValues.length];
        }
        double lossSum = stack.gradient(paramValues, this.x, this.y, rows, gradientValues);
        if (network.conf().isMiniBatch()) {
            for (int i = 0; i < gradientValues.length; i++) {
                gradientValues[i] /= rows; // in float, as DL4J divides its FLOAT gradient
            }
        }
        int iteration = network.getIterationCount();
        int epoch = network.getEpochCount();
        // each block's updater turns its gradient into the update, in place, as UpdaterBlock.update does
        float[] update;
        if (jvmBlocks != null) {
            for (JvmBlock b : jvmBlocks) {
                b.state = b.stateView == null ? null : HostArrays.readFloats(b.stateView, b.state);
                b.updater.apply(gradientValues, b.from, b.to, b.state, iteration, epoch);
                if (b.stateView != null) {
                    HostArrays.write(b.state, b.stateView);
                }
            }
            update = gradientValues;
        } else {
            HostArrays.write(gradientValues, gradients);
            List<UpdaterBlock> blocks = ((BaseMultiLayerUpdater<?>) updater).getUpdaterBlocks();
            for (int i = 0; i < blocks.size(); i++) {
                blocks.get(i).getGradientUpdater().applyUpdater(blockGradients.get(i), iteration, epoch);
            }
            update = HostArrays.readFloats(gradients, gradientValues);
        }
        for (int i = 0; i < paramValues.length; i++) {
            paramValues[i] -= update[i];
        }
        writeParams(paramValues);
        network.setIterationCount(iteration + 1);
        double score = lossSum / rows;
        network.setScore(score);
        return OptionalDouble.of(score);
    }

    /**
     * The outputs of the last training step, {@code [rows, nOut]}: an array this rewrites at the
     * next step of the same batch size, so read it before the next step.
     */
    public synchronized INDArray lastOutputs() {
        float[] out = stack.lastOutputs();
        long rows = out.length / stack.outputWidth();
        if (outputs == null || outputs.size(0) != rows) {
            outputs = Nd4j.create(DataType.FLOAT, new long[] {rows, stack.outputWidth()}, 'c');
        }
        HostArrays.write(out, outputs);
        return outputs;
    }

    /**
     * The network's inference output for {@code x [rows, nIn]}, or null when the caller must run
     * DL4J (too large, another shape).
     */
    public INDArray predict(INDArray x) {
        long rows = x.size(0);
        if (x.rank() != 2 || x.size(1) != stack.inputWidth() || !takes(rows) || !sameParams()) {
            return null;
        }
        float[] p = readParams(null);
        return CpuArrays.rowMajor(stack.predict(p, HostArrays.readFloats(x, null), (int) rows), rows,
                stack.outputWidth());
    }

    /** True while the network's parameters are still the array, and buffer, this was made on. */
    private boolean sameParams() {
        return network.params() == params && params.data() == paramsData;
    }

    /** The parameters' values, in {@code reuse} when it is not null (the right length). */
    private float[] readParams(float[] reuse) {
        float[] out = reuse != null ? reuse : new float[paramCount];
        try {
            paramsPointer.get(out, 0, paramCount);
        } finally {
            Reference.reachabilityFence(params); // the pointer carries only the address
        }
        return out;
    }

    private void writeParams(float[] values) {
        try {
            paramsPointer.put(values, 0, paramCount);
        } finally {
            Reference.reachabilityFence(params);
        }
    }

    /**
     * True once DL4J's updater exists, with its blocks covering every parameter in order; caches
     * their gradient views. The updater is replaced when the learning rate changes.
     */
    private boolean updaterReady() {
        Updater current = network.getUpdater(false);
        if (!(current instanceof BaseMultiLayerUpdater<?> multi)) {
            return false;
        }
        if (current == updater) {
            return true;
        }
        INDArray flat = multi.getFlattenedGradientsView();
        if (flat == null || flat.length() != params.length() || flat.dataType() != DataType.FLOAT
                || !HostArrays.rowMajorContiguous(flat)) {
            return false;
        }
        List<INDArray> views = new ArrayList<>();
        List<JvmBlock> onJvm = new ArrayList<>();
        long next = 0;
        for (UpdaterBlock block : multi.getUpdaterBlocks()) {
            if (block.getParamOffsetStart() != next) {
                return false;
            }
            INDArray view = block.getGradientView();
            if (view == null) {
                return false;
            }
            views.add(view.reshape(view.length()));
            next = block.getParamOffsetEnd();
            JvmBlock jvmBlock = jvmBlock(block);
            if (onJvm != null && jvmBlock != null) {
                onJvm.add(jvmBlock);
            } else {
                onJvm = null;
            }
        }
        if (next != params.length()) {
            return false;
        }
        updater = current;
        gradients = flat;
        blockGradients = views;
        jvmBlocks = onJvm;
        return true;
    }

    /** The block updated on the JVM, or null when its updater or its state is not one the JVM path takes. */
    private static JvmBlock jvmBlock(UpdaterBlock block) {
        JvmUpdater rule = JvmUpdater.of(block.getGradientUpdater().getConfig());
        int from = Math.toIntExact(block.getParamOffsetStart());
        int to = Math.toIntExact(block.getParamOffsetEnd());
        long stateLength = block.getGradientUpdater().getConfig().stateSize(to - from);
        INDArray state = block.getUpdaterView();
        if (rule == null || (stateLength == 0) != (state == null || state.isEmpty())) {
            return null;
        }
        if (stateLength == 0) {
            return new JvmBlock(from, to, rule, null);
        }
        if (state.length() != stateLength || state.dataType() != DataType.FLOAT || !HostArrays.rowMajorContiguous(state)) {
            return null;
        }
        return new JvmBlock(from, to, rule, state);
    }
}
