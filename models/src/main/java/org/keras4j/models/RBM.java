package org.keras4j.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.keras4j.FitOptions;
import org.keras4j.Model;
import org.keras4j.callbacks.History;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.engine.SummaryFormatter;
import org.keras4j.losses.Loss;
import org.keras4j.losses.MeanSquaredError;
import org.keras4j.metrics.Metric;
import org.keras4j.metrics.Metrics;
import org.keras4j.optimizers.Optimizer;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A restricted Boltzmann machine trained by contrastive divergence, as scikit-learn's
 * {@code BernoulliRBM} (which is PCD-1) and Hinton's "practical guide" (CD-k, momentum, weight
 * decay, sparsity target). Binary (Bernoulli) or real-valued unit-variance (Gaussian) visible
 * units, binary hidden units; energy {@code E(v, h) = -vᵀWh - bᵀv - cᵀh} (Gaussian:
 * {@code ½‖v - b‖² - vᵀWh - cᵀh}).
 *
 * <p>It is a keras4j {@link Model}: {@code compile} takes an {@link SGD} (learning rate and its
 * schedules, momentum, Nesterov), {@code fit} runs keras4j's training loop, so the same
 * {@code History}, progress bar and callbacks (EarlyStopping, ModelCheckpoint, CSVLogger,
 * LearningRateScheduler, ...) work. Each training step is one CD update on the batch; the
 * reported {@code loss} is the compiled loss (default mean squared error) between the batch and
 * its mean-field reconstruction, before the update; {@code val_loss} the same on validation
 * data. Metrics {@code "pseudo_likelihood"} (scikit-learn's {@code score_samples}, mean per
 * sample) and {@code "free_energy"} (mean) can be added to the logs.
 *
 * <p>Weights come in a Keras-like layout ({@link #getWeights()}): {@code W [visible, hidden]},
 * hidden bias {@code [hidden]}, visible bias {@code [visible]}; {@code W} is initialised
 * {@code N(0, 0.01²)} and the biases to zero, as scikit-learn.
 *
 * <pre>{@code
 * RBM rbm = RBM.builder(784, 256).persistent(true).build();      // PCD-1, as BernoulliRBM
 * rbm.compile(new SGD(0.05, 0.5), "mse", "pseudo_likelihood");
 * History h = rbm.fit(xBinary, FitOptions.defaults().epochs(10).batchSize(64)
 *         .callbacks(new CSVLogger(Path.of("rbm.csv"))));
 * INDArray features = rbm.transform(xBinary);                     // [n, 256] hidden probabilities
 * rbm.save(Path.of("rbm.k4rbm"));
 * }</pre>
 */
public final class RBM extends BlockModel {
    /** Visible unit types. */
    public enum VisibleUnits {
        /** Binary units in {0, 1}; data are probabilities or binary values. */
        BERNOULLI,
        /** Real-valued units of unit variance: standardize the data first. */
        GAUSSIAN;

        static VisibleUnits of(String name) {
            for (VisibleUnits u : values()) {
                if (u.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return u;
                }
            }
            throw new IllegalArgumentException("visibleUnits must be one of [bernoulli, gaussian], got '" + name + "'");
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final double INIT_STD = 0.01;
    /** Decay of the running mean of hidden activations the sparsity penalty compares with its target (Hinton's guide: 0.9-0.99). */
    static final double SPARSITY_DECAY = 0.9;

    private final int visible;
    private final int hidden;
    private final VisibleUnits visibleUnits;
    private final int cdSteps;
    private final boolean persistent;
    private final double weightDecay;
    private final double sparsityTarget;
    private final double sparsityCost;

    /** W (row-major, [visible, hidden]), hidden bias, visible bias: one contiguous float vector. */
    private INDArray params;
    private INDArray w;
    private INDArray hiddenBias;
    private INDArray visibleBias;

    private RBM(Builder b) {
        super(b.name, b.visible, "visible", "reconstruction");
        this.visible = b.visible;
        this.hidden = b.hidden;
        this.visibleUnits = b.visibleUnits;
        this.cdSteps = b.cdSteps;
        this.persistent = b.persistent;
        this.weightDecay = b.weightDecay;
        this.sparsityTarget = b.sparsityTarget;
        this.sparsityCost = b.sparsityCost;
    }

    /**
     * A builder with scikit-learn's and Hinton's defaults: Bernoulli visible units, CD-1 (not
     * persistent), no weight decay, no sparsity target.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static Builder builder(int visible, int hidden) {
        return new Builder(visible, hidden);
    }

    // ---- configuration ----

    public int visible() {
        return visible;
    }

    public int hidden() {
        return hidden;
    }

    public VisibleUnits visibleUnits() {
        return visibleUnits;
    }

    /** Gibbs steps k of CD-k (or of each persistent-chain update). */
    public int cdSteps() {
        return cdSteps;
    }

    public boolean persistent() {
        return persistent;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** The target mean activation of each hidden unit, or 0 for none. */
    public double sparsityTarget() {
        return sparsityTarget;
    }

    public double sparsityCost() {
        return sparsityCost;
    }

    // ---- compile / fit ----

    /** Compiles with mean squared reconstruction error as the reported loss and no metrics. */
    public void compile(Optimizer optimizer) {
        compile(optimizer, new MeanSquaredError());
    }

    /**
     * Compiles: {@code loss} is the reconstruction loss the logs report (the update itself is
     * contrastive divergence whatever the loss); {@code metrics} may name
     * {@code "pseudo_likelihood"} and {@code "free_energy"} besides Keras's metrics of the
     * reconstruction. Every other {@code compile} form with one loss comes here.
     *
     * @throws IllegalArgumentException if the optimizer is not an {@link SGD}, or a metric is unknown
     */
    @Override
    public void compile(Optimizer optimizer, Loss loss, String... metrics) {
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (metrics == null) {
            throw new IllegalArgumentException("metrics must not be null");
        }
        List<Metric> resolved = new ArrayList<>();
        for (String m : metrics) {
            resolved.add(switch (m == null ? "" : m) {
                case RbmMetric.PSEUDO_LIKELIHOOD -> RbmMetric.pseudoLikelihood(this);
                case RbmMetric.FREE_ENERGY -> RbmMetric.freeEnergy(this);
                default -> Metrics.get(m, loss, visible);
            });
        }
        compile(optimizer, loss, resolved);
    }

    /**
     * Trains on {@code x} {@code [n, visible]} with keras4j's loop: epochs, batch size, shuffle,
     * validation split or data (x only: pass it as both features and targets), callbacks and
     * verbosity from {@code options}.
     *
     * @throws IllegalStateException before compile
     * @throws IllegalArgumentException if {@code x} is not {@code [n, visible]} or holds NaN
     */
    public History fit(INDArray x, FitOptions options) {
        return fit(x, x, options);
    }

    /** {@link #fit(INDArray, FitOptions)} for {@code epochs} epochs with Keras's other defaults. */
    public History fit(INDArray x, int epochs) {
        return fit(x, x, FitOptions.defaults().epochs(epochs));
    }

    @Override
    protected CompiledNetwork buildNetwork(List<CompiledOutput> outputs, Optimizer optimizer, long seed) {
        if (!(optimizer instanceof SGD sgd)) {
            throw new IllegalArgumentException("an RBM trains with contrastive divergence and an SGD optimizer (learning"
                    + " rate, schedule, momentum, nesterov), got '" + optimizer.identifier() + "': use new SGD(0.1) or"
                    + " new SGD(0.05, 0.5)");
        }
        if (sgd.clipnorm() != null || sgd.clipvalue() != null || sgd.weightDecay() != null) {
            throw new IllegalArgumentException("an RBM's optimizer takes no clipnorm, clipvalue or weightDecay, got "
                    + sgd + ": set the RBM's own weightDecay in RBM.builder(...).weightDecay(...)");
        }
        if (params == null) {
            initialise(seed);
        }
        return new ContrastiveDivergence(this, sgd, outputs.get(0).loss());
    }

    private void initialise(long seed) {
        INDArray p = Nd4j.zeros(DataType.FLOAT, (long) visible * hidden + hidden + visible);
        Nd4j.getRandom().setSeed(seed);
        INDArray init = Nd4j.randn(DataType.FLOAT, (long) visible * hidden).muli(INIT_STD);
        p.get(NDArrayIndex.interval(0, (long) visible * hidden)).assign(init);
        bind(p);
    }

    void bind(INDArray flat) {
        long wn = (long) visible * hidden;
        this.params = flat;
        this.w = flat.get(NDArrayIndex.interval(0, wn)).reshape('c', visible, hidden);
        this.hiddenBias = flat.get(NDArrayIndex.interval(wn, wn + hidden));
        this.visibleBias = flat.get(NDArrayIndex.interval(wn + hidden, wn + hidden + visible));
    }

    /** The flat parameter vector itself (the training step updates it in place). */
    INDArray params() {
        return params;
    }

    INDArray w() {
        return w;
    }

    INDArray hiddenBiasView() {
        return hiddenBias;
    }

    INDArray visibleBiasView() {
        return visibleBias;
    }

    private ContrastiveDivergence cd() {
        return (ContrastiveDivergence) network();
    }

    // ---- inference ----

    /**
     * The hidden units' probabilities {@code sigmoid(x W + c)}, as scikit-learn's {@code transform}.
     *
     * @param x {@code [n, visible]}
     * @return {@code [n, hidden]}
     * @throws IllegalStateException before compile (or load)
     */
    public INDArray transform(INDArray x) {
        return hiddenProbabilities(checkedVisible("x", x, "transform"));
    }

    /**
     * The mean-field reconstruction {@code E[v | h = transform(x)]}: {@code sigmoid(h Wᵀ + b)}
     * for Bernoulli units, {@code h Wᵀ + b} for Gaussian ones.
     */
    public INDArray reconstruct(INDArray x) {
        return visibleMean(hiddenProbabilities(checkedVisible("x", x, "reconstruct")));
    }

    /**
     * Runs {@code steps} steps of block Gibbs sampling from {@code v}: {@code h ~ p(h|v)}, then
     * {@code v ~ p(v|h)}, as scikit-learn's {@code gibbs} for one step.
     *
     * @return the visible samples after the last step {@code [n, visible]} (binary for Bernoulli
     *     units, mean plus unit Gaussian noise for Gaussian ones)
     * @throws IllegalArgumentException if {@code steps < 1}
     */
    public INDArray gibbs(INDArray v, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        INDArray state = checkedVisible("v", v, "gibbs");
        for (int i = 0; i < steps; i++) {
            state = sampleVisible(bernoulli(hiddenProbabilities(state)), true);
        }
        return state;
    }

    /**
     * The free energy of each sample, {@code F(v) = -bᵀv - Σ_j softplus(c_j + (vW)_j)} (Gaussian:
     * {@code ½‖v - b‖² - Σ_j softplus(...)}); {@code p(v) ∝ exp(-F(v))}.
     *
     * @return {@code [n]}, in double precision
     */
    public INDArray freeEnergy(INDArray v) {
        return freeEnergyOf(checkedVisible("v", v, "freeEnergy"));
    }

    /**
     * scikit-learn's {@code score_samples}: the pseudo-likelihood of each sample estimated from
     * one randomly chosen unit flipped per sample, {@code visible · log sigmoid(F(ṽ) - F(v))}.
     * Stochastic (ND4J's generator draws the units).
     *
     * @return {@code [n]}, in double precision (log-likelihood units, at most 0)
     * @throws IllegalStateException for Gaussian visible units, whose conditional densities have no closed form here
     */
    public INDArray pseudoLikelihood(INDArray v) {
        if (visibleUnits != VisibleUnits.BERNOULLI) {
            throw new IllegalStateException("pseudoLikelihood is defined for Bernoulli visible units (as scikit-learn's"
                    + " BernoulliRBM); this RBM has gaussian units: use freeEnergy or the reconstruction error");
        }
        INDArray data = checkedVisible("v", v, "pseudoLikelihood");
        long n = data.size(0);
        INDArray flipped = data.dup();
        INDArray units = Nd4j.rand(DataType.FLOAT, n).muli(visible);
        for (long i = 0; i < n; i++) {
            long j = Math.min(visible - 1, (long) units.getDouble(i));
            flipped.putScalar(i, j, 1 - flipped.getDouble(i, j));
        }
        INDArray diff = freeEnergyOf(flipped).subi(freeEnergyOf(data));
        // visible * log(sigmoid(diff)) = -visible * softplus(-diff)
        return softplus(diff.negi()).muli(-visible);
    }

    /**
     * The pseudo-likelihood of each sample computed exactly, with every unit flipped in turn:
     * {@code Σ_i log p(v_i | v_-i) = Σ_i log sigmoid(F(v with unit i flipped) - F(v))}. It is the
     * expectation of {@link #pseudoLikelihood} (scikit-learn's {@code score_samples}, which flips
     * one random unit and multiplies by the number of units), without its noise: use it to
     * compare two models. Costs {@code visible} times a free energy per sample.
     *
     * @return {@code [n]}, in double precision (log-likelihood units, at most 0)
     * @throws IllegalStateException for Gaussian visible units, as {@link #pseudoLikelihood}
     */
    public INDArray exactPseudoLikelihood(INDArray v) {
        if (visibleUnits != VisibleUnits.BERNOULLI) {
            throw new IllegalStateException("exactPseudoLikelihood is defined for Bernoulli visible units; this RBM has"
                    + " gaussian units: use freeEnergy or the reconstruction error");
        }
        INDArray data = checkedVisible("v", v, "exactPseudoLikelihood").castTo(DataType.DOUBLE);
        INDArray wd = w.castTo(DataType.DOUBLE);
        INDArray b = visibleBias.castTo(DataType.DOUBLE).reshape(visible, 1);
        INDArray pre = data.mmul(wd).addiRowVector(hiddenBias.castTo(DataType.DOUBLE));
        INDArray base = softplus(pre).sum(1);
        long n = data.size(0);
        double[] out = new double[(int) n];
        for (int i = 0; i < n; i++) {
            // flipping unit a adds s_a W_a to the hidden inputs and s_a b_a to bᵀv, with s_a = 1 - 2 v_a
            INDArray s = data.getRow(i).reshape(visible, 1).mul(-2).addi(1);
            INDArray flipped = wd.mulColumnVector(s).addiRowVector(pre.getRow(i));
            // -(F(flipped) - F(v)) per unit a: s_a b_a + Σ_j softplus(flipped_aj) - Σ_j softplus(pre_j)
            INDArray minusDelta = softplus(flipped).sum(1).reshape(visible, 1).addi(s.muli(b)).subi(base.getDouble(i));
            // log sigmoid(delta) = -softplus(-delta)
            out[i] = -softplus(minusDelta).sumNumber().doubleValue();
        }
        return Nd4j.createFromArray(out);
    }

    /** Mean over samples and units of {@code (x - reconstruct(x))²}. */
    public double reconstructionError(INDArray x) {
        INDArray data = checkedVisible("x", x, "reconstructionError");
        INDArray r = visibleMean(hiddenProbabilities(data));
        return Transforms.pow(r.subi(data), 2, false).meanNumber().doubleValue();
    }

    // ---- weights, saving ----

    /**
     * Copies of the weights in a Keras-like layout: {@code W [visible, hidden]}, hidden bias
     * {@code [hidden]}, visible bias {@code [visible]}.
     *
     * @throws IllegalStateException before compile (or load)
     */
    @Override
    public List<INDArray> getWeights() {
        requireParams("weights");
        return List.of(w.dup(), hiddenBias.dup(), visibleBias.dup());
    }

    /**
     * Replaces the weights, given as {@link #getWeights()} returns them.
     *
     * @throws IllegalArgumentException if there are not three arrays of the shapes {@code [visible, hidden]},
     *     {@code [hidden]}, {@code [visible]}; nothing is written then
     */
    public void setWeights(List<INDArray> weights) {
        requireParams("setWeights");
        if (weights == null || weights.size() != 3) {
            throw new IllegalArgumentException("RBM weights are 3 arrays (W [" + visible + ", " + hidden + "], hidden bias ["
                    + hidden + "], visible bias [" + visible + "]), got " + (weights == null ? "null" : weights.size()));
        }
        checkShape("weights[0] (W)", weights.get(0), visible, hidden);
        checkShape("weights[1] (hidden bias)", weights.get(1), hidden);
        checkShape("weights[2] (visible bias)", weights.get(2), visible);
        w.assign(weights.get(0).reshape(visible, hidden));
        hiddenBias.assign(weights.get(1).reshape(hidden));
        visibleBias.assign(weights.get(2).reshape(visible));
    }

    /**
     * The visible states of the last training step's negative phase {@code [chains, visible]}:
     * the k-step reconstructions for CD-k, the persistent chains' fantasy particles for PCD; null
     * before the first step.
     */
    public INDArray negativeSamples() {
        INDArray s = cd().negativeVisible();
        return s == null ? null : s.dup();
    }

    /** The persistent chains' hidden states {@code [chains, hidden]}, null without PCD or before the first step. */
    public INDArray persistentChains() {
        INDArray s = cd().chains();
        return s == null ? null : s.dup();
    }

    /**
     * Writes the configuration, weights and (when compiled) the SGD settings, momentum
     * velocities and step count to one file, atomically.
     */
    @Override
    public void save(Path path) {
        RbmFile.save(this, path);
    }

    /** Same as {@link #save}: an RBM file is small; {@link #loadWeights} reads the weights back. */
    @Override
    public void saveWeights(Path path) {
        RbmFile.save(this, path);
    }

    /**
     * Loads the weights of an RBM file written by {@link #save} of an RBM of the same sizes.
     *
     * @throws IllegalArgumentException if the file is not an RBM file of this architecture
     */
    @Override
    public void loadWeights(Path path) {
        RBM other = load(path);
        if (other.visible != visible || other.hidden != hidden) {
            throw new IllegalArgumentException(path + " holds an RBM of " + other.visible + " visible and " + other.hidden
                    + " hidden units, this one has " + visible + " and " + hidden);
        }
        requireParams("loadWeights");
        setWeights(other.getWeights());
    }

    /**
     * Loads an RBM written by {@link #save}, compiled again if it was saved compiled.
     *
     * @throws IllegalArgumentException if the file is missing, truncated, not an RBM file, or holds a {@link RatingRBM}
     */
    public static RBM load(Path path) {
        return RbmFile.load(path);
    }

    /** Used by {@link RbmFile}: an uncompiled RBM with these weights. */
    static RBM restored(Builder config, INDArray flat) {
        RBM rbm = config.build();
        rbm.bind(flat);
        return rbm;
    }

    /** The configuration of this RBM as a builder (for copies and files). */
    public Builder toBuilder() {
        return new Builder(visible, hidden).name(name()).visibleUnits(visibleUnits.id()).cdSteps(cdSteps)
                .persistent(persistent).weightDecay(weightDecay).sparsity(sparsityTarget, sparsityCost);
    }

    // ---- Model's graph view: one block, not a layer graph (BlockModel) ----

    @Override
    protected String insteadOfApply() {
        return "use transform(x), or DBN.toSequential for a network of Dense layers with its weights";
    }

    @Override
    public long countParams() {
        return (long) visible * hidden + hidden + visible;
    }

    @Override
    public String summaryText() {
        List<SummaryFormatter.Row> rows = List.of(
                new SummaryFormatter.Row("visible", visibleUnits.id(), "(None, " + visible + ")", visible, 0),
                new SummaryFormatter.Row("hidden", "bernoulli", "(None, " + hidden + ")",
                        (long) visible * hidden + hidden, 0));
        return SummaryFormatter.format(name(), rows);
    }

    // ---- the conditional distributions, shared with the training step ----

    INDArray hiddenProbabilities(INDArray v) {
        return Transforms.sigmoid(v.mmul(w).addiRowVector(hiddenBias), false);
    }

    INDArray visibleMean(INDArray h) {
        INDArray pre = h.mmul(w.transpose()).addiRowVector(visibleBias);
        return visibleUnits == VisibleUnits.BERNOULLI ? Transforms.sigmoid(pre, false) : pre;
    }

    /**
     * A visible state given hidden states: Bernoulli units sampled; Gaussian units their mean,
     * plus unit noise when {@code noisy} (the CD step uses the mean, as Hinton's guide advises).
     */
    INDArray sampleVisible(INDArray h, boolean noisy) {
        INDArray mean = visibleMean(h);
        if (visibleUnits == VisibleUnits.BERNOULLI) {
            return bernoulli(mean);
        }
        return noisy ? mean.addi(Nd4j.randn(mean.dataType(), mean.shape())) : mean;
    }

    static INDArray bernoulli(INDArray p) {
        return Nd4j.rand(p.dataType(), p.shape()).lt(p).castTo(p.dataType());
    }

    INDArray freeEnergyOf(INDArray v) {
        INDArray vd = v.castTo(DataType.DOUBLE);
        INDArray pre = vd.mmul(w.castTo(DataType.DOUBLE)).addiRowVector(hiddenBias.castTo(DataType.DOUBLE));
        INDArray hiddenTerm = softplus(pre).sum(1);
        INDArray b = visibleBias.castTo(DataType.DOUBLE);
        INDArray visibleTerm = visibleUnits == VisibleUnits.BERNOULLI
                ? vd.mmul(b.reshape(visible, 1)).reshape(v.size(0)).negi()
                : Transforms.pow(vd.subRowVector(b), 2, false).sum(1).muli(0.5);
        return visibleTerm.subi(hiddenTerm);
    }

    /** log(1 + e^x), stable for large |x|: max(x, 0) + log1p(e^-|x|). */
    static INDArray softplus(INDArray x) {
        INDArray pos = Transforms.relu(x, true);
        INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false);
        return pos.addi(tail);
    }

    private INDArray checkedVisible(String argument, INDArray x, String operation) {
        requireParams(operation);
        PCA.checkMatrix(argument, x);
        PCA.checkWidth(argument, x, visible, "visible units");
        return x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
    }

    private void requireParams(String operation) {
        if (params == null) {
            throw new IllegalStateException("RBM '" + name() + "' has no weights yet: call compile() (or RBM.load) before "
                    + operation + "()");
        }
    }

    private static void checkShape(String argument, INDArray a, long... shape) {
        if (a == null || a.length() != java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y)
                || (a.rank() != shape.length && !(shape.length == 1 && a.rank() == 2 && a.size(0) == 1))
                || (a.rank() == shape.length && !java.util.Arrays.equals(a.shape(), shape))) {
            throw new IllegalArgumentException(argument + " must have shape " + java.util.Arrays.toString(shape) + ", got "
                    + (a == null ? "null" : java.util.Arrays.toString(a.shape())));
        }
    }

    /**
     * The RBM's configuration; {@link #build()} makes an uncompiled RBM.
     *
     * <pre>{@code
     * RBM rbm = RBM.builder(784, 500).visibleUnits("gaussian").cdSteps(1).weightDecay(2e-4).build();
     * }</pre>
     */
    public static final class Builder {
        private final int visible;
        private final int hidden;
        private String name = "rbm";
        private VisibleUnits visibleUnits = VisibleUnits.BERNOULLI;
        private int cdSteps = 1;
        private boolean persistent;
        private double weightDecay;
        private double sparsityTarget;
        private double sparsityCost;

        private Builder(int visible, int hidden) {
            if (visible < 1) {
                throw new IllegalArgumentException("visible must be a positive number of units, got " + visible);
            }
            if (hidden < 1) {
                throw new IllegalArgumentException("hidden must be a positive number of units, got " + hidden);
            }
            this.visible = visible;
            this.hidden = hidden;
        }

        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must be a non-blank string, got " + name);
            }
            this.name = name;
            return this;
        }

        /** {@code "bernoulli"} (default) or {@code "gaussian"} (real-valued, unit variance: standardize the data). */
        public Builder visibleUnits(String units) {
            this.visibleUnits = VisibleUnits.of(units);
            return this;
        }

        /** k of CD-k: Gibbs steps in each negative phase (default 1). */
        public Builder cdSteps(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("cdSteps must be >= 1, got " + k);
            }
            this.cdSteps = k;
            return this;
        }

        /** Persistent CD (Tieleman 2008): the negative chains carry over from batch to batch (default false). */
        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        /** L2 weight decay on W (not on the biases), as Hinton's guide: the gradient of W gets {@code -weightDecay * W}. */
        public Builder weightDecay(double weightDecay) {
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("weightDecay must be a finite number >= 0, got " + weightDecay);
            }
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * A sparsity target (Hinton's guide, section 11): a running mean {@code q} of each hidden
         * unit's activation (decay 0.9) is pulled towards {@code target}, adding
         * {@code cost * (target - q)} to the hidden bias gradient and {@code cost * mean(v) (target - q)}
         * to W's. {@code target} 0 turns it off.
         *
         * @throws IllegalArgumentException unless {@code 0 <= target < 1} and {@code cost >= 0}
         */
        public Builder sparsity(double target, double cost) {
            if (!(target >= 0 && target < 1)) {
                throw new IllegalArgumentException("sparsity target must be in [0, 1), got " + target);
            }
            if (!(cost >= 0) || Double.isInfinite(cost)) {
                throw new IllegalArgumentException("sparsity cost must be a finite number >= 0, got " + cost);
            }
            this.sparsityTarget = target;
            this.sparsityCost = cost;
            return this;
        }

        public RBM build() {
            return new RBM(this);
        }
    }
}
