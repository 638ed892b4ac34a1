package org.keras4j.models;

import java.util.List;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.losses.Loss;
import org.keras4j.losses.MeanSquaredError;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An {@link RBM} behind keras4j's {@link CompiledNetwork} seam, so {@code Trainer} runs it like
 * any model: {@link #trainBatch} is one contrastive-divergence update, {@link #predict} the
 * mean-field reconstruction.
 *
 * <p>The update, with {@code v0} the batch, {@code h0 = p(h | v0)}, and {@code vk}, {@code hk}
 * the negative phase after k Gibbs steps (from a sample of {@code h0}, or from the persistent
 * chains):
 * {@code ΔW ∝ v0ᵀh0 / n - vkᵀp(h|vk) / m - weightDecay W}, {@code Δb ∝ mean(v0) - mean(vk)},
 * {@code Δc ∝ mean(h0) - mean(p(h|vk))}, ascended with Keras's SGD rule
 * ({@code vel = momentum vel + lr g; w += vel}, Nesterov {@code w += momentum vel + lr g}).
 * As scikit-learn, the negative phase uses sampled visible states and hidden probabilities.
 *
 * <p>A step allocates nothing and makes four large GEMMs: the batch and the negative samples sit
 * in one array {@code [v0; vk]} (and their hidden probabilities in {@code [h0; hk]}), so the
 * reconstruction and the negative phase's visible means are one product
 * {@code [h0; hs] Wᵀ}, and the weight gradient is one product {@code [v0; vk]ᵀ [h0 / n; -hk / m]}
 * (the bias gradients are products with the row {@code [1/n ...; -1/m ...]}). Every array is kept
 * from the last step of the same batch size, Bernoulli samples are drawn by one native op into
 * their array, and plain SGD adds its step straight into the parameters (with momentum, the
 * gradient is one flat array laid out as the parameters). Allocating each product anew (ND4J's
 * {@code mmul}) and concatenating the gradient made a 784-256 step at batch 64 about five times
 * slower here. The reported mean squared error is computed in place on the reconstruction; other
 * losses go through {@link Loss#compute}. A {@code ContrastiveDivergence} made with
 * {@code directUpdates} false always goes through the gradient array: the reference the direct
 * update is tested against.
 *
 * <pre>{@code
 * double loss = new ContrastiveDivergence(rbm, new SGD(0.1), new MeanSquaredError()).trainBatch(x, x, null);
 * }</pre>
 */
final class ContrastiveDivergence extends SgdAscent {
    private final RBM rbm;
    private final Loss loss;
    private final boolean meanSquaredError;
    /** The gradient, laid out as the parameters: W [visible, hidden] row-major, hidden bias, visible bias. */
    private final INDArray grad;
    private final INDArray gradW;
    private final INDArray gradHidden;  // [1, hidden] view
    private final INDArray gradVisible; // [1, visible] view
    private Buffers buffers;            // for the last batch size and number of chains
    private INDArray chains;            // PCD's hidden states [chains, hidden]
    private INDArray hiddenMeanRunning; // sparsity's running mean q [hidden]
    private boolean capture;
    private INDArray lastReconstruction;
    /** False: always through the gradient array and {@link #ascend} (the reference the direct update is tested against). */
    private final boolean directUpdates;

    ContrastiveDivergence(RBM rbm, SGD sgd, Loss loss) {
        this(rbm, sgd, loss, true);
    }

    /** @param directUpdates whether plain SGD adds its step straight into the parameters */
    ContrastiveDivergence(RBM rbm, SGD sgd, Loss loss, boolean directUpdates) {
        super(sgd, rbm.params());
        this.directUpdates = directUpdates;
        this.rbm = rbm;
        this.loss = loss;
        this.meanSquaredError = loss instanceof MeanSquaredError;
        long visible = rbm.visible();
        long hidden = rbm.hidden();
        long wn = visible * hidden;
        this.grad = Nd4j.create(DataType.FLOAT, wn + hidden + visible);
        this.gradW = grad.get(NDArrayIndex.interval(0, wn)).reshape('c', visible, hidden);
        this.gradHidden = grad.get(NDArrayIndex.interval(wn, wn + hidden)).reshape('c', 1, hidden);
        this.gradVisible = grad.get(NDArrayIndex.interval(wn + hidden, wn + hidden + visible)).reshape('c', 1, visible);
    }

    /**
     * The arrays of a step with {@code n} data rows and {@code m} negative chains: the data's rows
     * first, the chains' after, in each stacked array; the views name the two halves.
     */
    private static final class Buffers {
        final long n;
        final long m;
        final INDArray visibleStack;  // [n + m, visible]: v0 | vk
        final INDArray hiddenStack;   // [n + m, hidden]: h0 | hk, (hs during the first visible product)
        final INDArray meanStack;     // [n + m, visible]: reconstruction | p(v | hs)
        final INDArray signedMeans;   // [1, n + m]: 1/n | -1/m
        final INDArray signedMeansColumn; // [n + m, 1]
        final INDArray hiddenSample;  // [m, hidden]: hs of Gibbs steps after the first
        final INDArray v0;
        final INDArray vk;
        final INDArray h0;
        final INDArray hk;
        final INDArray reconstruction;
        final INDArray negativeMean;

        Buffers(long n, long m, long visible, long hidden) {
            this.n = n;
            this.m = m;
            visibleStack = Nd4j.create(DataType.FLOAT, n + m, visible);
            hiddenStack = Nd4j.create(DataType.FLOAT, n + m, hidden);
            meanStack = Nd4j.create(DataType.FLOAT, n + m, visible);
            float[] signs = new float[(int) (n + m)];
            for (int i = 0; i < signs.length; i++) {
                signs[i] = i < n ? 1f / n : -1f / m;
            }
            signedMeans = Nd4j.create(signs, new long[] {1, n + m}, DataType.FLOAT);
            signedMeansColumn = signedMeans.reshape(n + m, 1).dup();
            hiddenSample = Nd4j.create(DataType.FLOAT, m, hidden);
            v0 = rows(visibleStack, 0, n);
            vk = rows(visibleStack, n, n + m);
            h0 = rows(hiddenStack, 0, n);
            hk = rows(hiddenStack, n, n + m);
            reconstruction = rows(meanStack, 0, n);
            negativeMean = rows(meanStack, n, n + m);
        }

        private static INDArray rows(INDArray a, long from, long to) {
            return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        }
    }

    @Override
    public double trainBatch(List<INDArray> x, List<INDArray> y, INDArray sampleWeight) {
        if (sampleWeight != null) {
            throw new IllegalArgumentException("an RBM's contrastive-divergence update takes no sampleWeight or classWeight");
        }
        INDArray batch = x.get(0);
        INDArray target = y.isEmpty() ? batch : y.get(0);
        target = target.dataType() == DataType.FLOAT ? target : target.castTo(DataType.FLOAT);
        long n = batch.size(0);
        boolean continueChains = rbm.persistent() && chains != null;
        long m = continueChains ? chains.size(0) : n;
        if (buffers == null || buffers.n != n || buffers.m != m) {
            buffers = new Buffers(n, m, rbm.visible(), rbm.hidden());
        }
        Buffers b = buffers;
        b.v0.assign(batch);
        hiddenProbabilities(b.v0, b.h0);
        // the first negative hidden states next to h0: the chains (PCD) or a sample of h0 (CD)
        if (continueChains) {
            b.hk.assign(chains);
        } else {
            sample(b.h0, b.hk);
        }
        // one product for the reconstruction (the reported loss, before the update, as Keras reports
        // a batch's loss) and the first negative visible means
        visibleMean(b.hiddenStack, b.meanStack);
        lastReconstruction = capture ? b.reconstruction.dup() : null;
        double value = reportedLoss(target, b.reconstruction);
        negativeVisible(b.negativeMean, b);
        hiddenProbabilities(b.vk, b.hk);
        for (int step = 1; step < rbm.cdSteps(); step++) {
            sample(b.hk, b.hiddenSample);
            visibleMean(b.hiddenSample, b.negativeMean);
            negativeVisible(b.negativeMean, b);
            hiddenProbabilities(b.vk, b.hk);
        }
        if (rbm.persistent()) {
            if (chains == null) {
                chains = Nd4j.create(DataType.FLOAT, m, rbm.hidden());
            }
            sample(b.hk, chains);
        }
        update(b);
        return value;
    }

    /** The negative visible states from their means: Bernoulli samples, or the means themselves (Gaussian). */
    private void negativeVisible(INDArray means, Buffers b) {
        if (rbm.visibleUnits() == RBM.VisibleUnits.BERNOULLI) {
            sample(means, b.vk);
        } else {
            b.vk.assign(means);
        }
    }

    /**
     * The ascent step from the statistics in {@code b}: data minus negative phase, each averaged
     * over its rows. With plain SGD the products add {@code lr g} straight into the parameters
     * (no gradient array, no second pass); with momentum they fill the gradient for {@link #ascend}.
     */
    private void update(Buffers b) {
        boolean direct = directUpdates && plainSgd();
        double scale = direct ? learningRate() : 1.0;
        double keep = direct ? 1.0 : 0.0;
        INDArray w = direct ? rbm.w() : gradW;
        INDArray hiddenBias = direct ? rbm.hiddenBiasView().reshape(1, rbm.hidden()) : gradHidden;
        INDArray visibleBias = direct ? rbm.visibleBiasView().reshape(1, rbm.visible()) : gradVisible;
        // biases: mean(h0) - mean(hk), mean(v0) - mean(vk), as products with [1/n ...; -1/m ...]
        Nd4j.gemm(b.signedMeans, b.hiddenStack, hiddenBias, false, false, scale, keep);
        Nd4j.gemm(b.signedMeans, b.visibleStack, visibleBias, false, false, scale, keep);
        // W: v0ᵀh0 / n - vkᵀhk / m - decay W, the decay first (on the weights before the update)
        double decay = rbm.weightDecay();
        if (decay > 0) {
            if (direct) {
                w.muli(1 - scale * decay);
            } else {
                w.assign(rbm.w()).muli(-decay);
            }
        }
        if (rbm.sparsityTarget() > 0 && rbm.sparsityCost() > 0) {
            INDArray q = b.h0.mean(0);
            hiddenMeanRunning = hiddenMeanRunning == null ? q
                    : hiddenMeanRunning.muli(RBM.SPARSITY_DECAY).addi(q.muli(1 - RBM.SPARSITY_DECAY));
            INDArray pull = hiddenMeanRunning.rsub(rbm.sparsityTarget()).muli(rbm.sparsityCost() * scale);
            INDArray dataMean = b.v0.mean(0).reshape(rbm.visible(), 1);
            hiddenBias.addi(pull.reshape(1, rbm.hidden()));
            if (!direct && decay == 0) {
                w.assign(dataMean.mmul(pull.reshape(1, rbm.hidden())));
            } else {
                w.addi(dataMean.mmul(pull.reshape(1, rbm.hidden())));
            }
            keep = 1.0;
        }
        // one product over the stacked rows, the hidden rows scaled by their signed weights
        b.hiddenStack.muliColumnVector(b.signedMeansColumn);
        Nd4j.gemm(b.visibleStack, b.hiddenStack, w, true, false, scale, decay > 0 ? 1.0 : keep);
        if (direct) {
            countStep();
        } else {
            ascend(grad);
        }
    }

    /** {@code out = sigmoid(v W + c)}. */
    private void hiddenProbabilities(INDArray v, INDArray out) {
        Nd4j.gemm(v, rbm.w(), out, false, false, 1.0, 0.0);
        out.addiRowVector(rbm.hiddenBiasView());
        Transforms.sigmoid(out, false);
    }

    /** {@code out = sigmoid(h Wᵀ + b)} (Bernoulli) or {@code h Wᵀ + b} (Gaussian: the mean, as the CD step uses). */
    private void visibleMean(INDArray h, INDArray out) {
        Nd4j.gemm(h, rbm.w(), out, false, true, 1.0, 0.0);
        out.addiRowVector(rbm.visibleBiasView());
        if (rbm.visibleUnits() == RBM.VisibleUnits.BERNOULLI) {
            Transforms.sigmoid(out, false);
        }
    }

    /**
     * Bernoulli samples of the probabilities {@code p} (contiguous) into {@code out}, another array:
     * one native random op, half the time of uniforms, a subtraction and a step.
     */
    private static void sample(INDArray p, INDArray out) {
        Nd4j.getExecutioner().exec(new BernoulliDistribution(out, p), Nd4j.getRandom());
    }

    /** The compiled loss of the reconstruction; mean squared error in place (the reconstruction is not needed after). */
    private double reportedLoss(INDArray target, INDArray reconstruction) {
        if (!meanSquaredError) {
            return loss.compute(target, reconstruction);
        }
        INDArray diff = reconstruction.subi(target).reshape(reconstruction.length());
        // BLAS sdot: a sixteenth of norm2's time here; the arrays are fields, reachable during the call
        return Nd4j.getBlasWrapper().dot(diff, diff) / reconstruction.length();
    }

    /** The last negative phase's visible states {@code [m, visible]}, or null before the first step. */
    INDArray negativeVisible() {
        return buffers == null ? null : buffers.vk;
    }

    INDArray chains() {
        return chains;
    }

    @Override
    public void setCaptureTrainOutputs(boolean capture) {
        this.capture = capture;
    }

    @Override
    public List<INDArray> lastTrainOutputs() {
        return lastReconstruction == null ? List.of() : List.of(lastReconstruction);
    }

    @Override
    public List<INDArray> predict(List<INDArray> x) {
        return List.of(rbm.visibleMean(rbm.hiddenProbabilities(x.get(0))));
    }

    /** Weight decay is part of the CD update, not a loss term: nothing is added to evaluated losses. */
    @Override
    protected String owner() {
        return "RBM '" + rbm.name() + "'";
    }

    @Override
    public Object unwrap() {
        return rbm;
    }
}
