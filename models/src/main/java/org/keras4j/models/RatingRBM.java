package org.keras4j.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.keras4j.FitOptions;
import org.keras4j.Model;
import org.keras4j.callbacks.History;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.engine.CompiledOutput;
import org.keras4j.engine.SummaryFormatter;
import org.keras4j.optimizers.Optimizer;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Collaborative filtering with an RBM (Salakhutdinov, Mnih and Hinton 2007): one visible softmax
 * unit per item over the rating levels {@code 1..levels}, binary hidden units shared by all
 * users. A user's row holds ratings {@code 1..levels}, 0 where the user did not rate the item;
 * unrated items are masked in both phases of contrastive divergence (they add nothing to the
 * hidden units' input, their reconstruction is zeroed, their weights and biases get no update),
 * which is the paper's "one RBM per user, weights shared".
 *
 * <p>A Keras-style model: {@code compile} takes an {@link SGD}, {@code fit} runs keras4j's loop
 * with History and callbacks; {@code loss} is the mean squared error of the expected rating on
 * the rated entries; with {@code validationData(trainRatings, heldOutRatings)}, {@code val_loss}
 * is the MSE on the held-out ratings (of each validation batch, averaged over batches by users;
 * exactly the held-out MSE when the batch holds every user, and {@link #rmse} always is). {@code predict} gives expected ratings
 * {@code Σ_k k p(r = k | user)} for every item.
 *
 * <pre>{@code
 * RatingRBM cf = RatingRBM.builder(130, 3, 32).build();      // 130 items, ratings 1..3, 32 hidden units
 * cf.compile(new SGD(0.05, 0.5));
 * cf.fit(train, FitOptions.defaults().epochs(50).batchSize(16).validationData(train, heldOut));
 * double rmse = cf.rmse(train, heldOut);
 * int[] top5 = cf.recommend(7, 5);                            // user 7 of the fitted matrix, unrated items only
 * cf.save(Path.of("cf.k4rbm"));                               // RBM's file format; RatingRBM.load reads it
 * }</pre>
 */
public final class RatingRBM extends BlockModel {
    private final int items;
    private final int levels;
    private final int hidden;
    private final int cdSteps;
    private final double weightDecay;

    /** W ([items * levels, hidden], item-major), hidden bias, visible bias: one float vector. */
    private INDArray params;
    private INDArray w;
    private INDArray hiddenBias;
    private INDArray visibleBias;
    private INDArray fitted;

    private RatingRBM(Builder b) {
        super(b.name, b.items, "ratings", "expected_ratings");
        this.items = b.items;
        this.levels = b.levels;
        this.hidden = b.hidden;
        this.cdSteps = b.cdSteps;
        this.weightDecay = b.weightDecay;
    }

    /**
     * @param items columns of the rating matrix
     * @param levels rating levels: ratings are {@code 1..levels}
     * @param hidden hidden units
     * @throws IllegalArgumentException if a size is not positive or {@code levels < 2}
     */
    public static Builder builder(int items, int levels, int hidden) {
        return new Builder(items, levels, hidden);
    }

    public int items() {
        return items;
    }

    public int levels() {
        return levels;
    }

    public int hidden() {
        return hidden;
    }

    /** Compiles with the masked rating MSE as the reported loss. */
    public void compile(Optimizer optimizer) {
        compile(optimizer, new MaskedRatingError(), List.of());
    }

    /**
     * Trains on a rating matrix {@code [users, items]} (values {@code 0..levels}, 0 = not rated).
     *
     * @throws IllegalArgumentException if the matrix has the wrong width or a value is not an integer in {@code 0..levels}
     */
    public History fit(INDArray ratings, FitOptions options) {
        checkRatings("ratings", ratings);
        if (options != null && options.validationXs() != null) {
            checkRatings("validationData y", options.validationYs().get(0));
        }
        History h = fit(ratings, ratings, options);
        fitted = ratings;
        return h;
    }

    @Override
    protected CompiledNetwork buildNetwork(List<CompiledOutput> outputs, Optimizer optimizer, long seed) {
        if (!(optimizer instanceof SGD sgd) || optimizer.clipnorm() != null || optimizer.clipvalue() != null
                || optimizer.weightDecay() != null) {
            throw new IllegalArgumentException("a RatingRBM trains with contrastive divergence and a plain SGD optimizer"
                    + " (learning rate, schedule, momentum), got " + optimizer + ": use new SGD(0.05, 0.5)");
        }
        if (params == null) {
            long visible = (long) items * levels;
            INDArray flat = Nd4j.zeros(DataType.FLOAT, visible * hidden + hidden + visible);
            Nd4j.getRandom().setSeed(seed);
            flat.get(NDArrayIndex.interval(0, visible * hidden))
                    .assign(Nd4j.randn(DataType.FLOAT, visible * hidden).muli(RBM.INIT_STD));
            bind(flat);
        }
        return new Step(sgd, outputs.get(0).loss());
    }

    /** Makes {@code flat} the parameters, with W and the biases as views of it. */
    private void bind(INDArray flat) {
        long visible = (long) items * levels;
        params = flat;
        w = flat.get(NDArrayIndex.interval(0, visible * hidden)).reshape('c', visible, hidden);
        hiddenBias = flat.get(NDArrayIndex.interval(visible * hidden, visible * hidden + hidden));
        visibleBias = flat.get(NDArrayIndex.interval(visible * hidden + hidden, visible * hidden + hidden + visible));
    }

    // ---- inference ----

    /**
     * Expected ratings {@code [users, items]} on the {@code 1..levels} scale, for every item,
     * given each user's known ratings.
     */
    public INDArray predictRatings(INDArray ratings) {
        requireParams("predictRatings");
        checkRatings("ratings", ratings);
        return expectedRatings(hiddenProbabilities(oneHot(ratings)));
    }

    /**
     * Root mean squared error of {@link #predictRatings} on the non-zero entries of {@code heldOut}.
     *
     * @param known the ratings the predictions are conditioned on
     * @param heldOut ratings to predict, 0 elsewhere, same shape
     */
    public double rmse(INDArray known, INDArray heldOut) {
        checkRatings("heldOut", heldOut);
        return Math.sqrt(new MaskedRatingError().compute(heldOut, predictRatings(known), null));
    }

    /**
     * The {@code n} items with the highest expected rating that {@code userRatings} has not rated.
     *
     * @param userRatings one user's ratings {@code [items]} or {@code [1, items]}
     * @return item indices, best first
     */
    public int[] recommend(INDArray userRatings, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        INDArray row = userRatings == null ? null : userRatings.reshape(1, userRatings.length());
        double[] known = row == null ? null : row.toDoubleVector();
        double[] expected = predictRatings(row).toDoubleVector();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            if (known[i] == 0) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> -expected[i]).thenComparing(i -> i));
        return candidates.stream().limit(n).mapToInt(Integer::intValue).toArray();
    }

    /**
     * {@link #recommend(INDArray, int)} for row {@code user} of the matrix given to the last {@code fit}.
     *
     * @throws IllegalStateException before fit
     */
    public int[] recommend(int user, int n) {
        if (fitted == null) {
            throw new IllegalStateException("recommend(user, n) reads the matrix given to fit(): call fit() first, or"
                    + " pass the user's ratings to recommend(INDArray, n)");
        }
        if (user < 0 || user >= fitted.size(0)) {
            throw new IllegalArgumentException("user must be in [0, " + fitted.size(0) + "), got " + user);
        }
        return recommend(fitted.getRow(user), n);
    }

    /** Weights in a Keras-like layout: {@code W [items, levels, hidden]}, hidden bias, visible bias {@code [items, levels]}. */
    @Override
    public List<INDArray> getWeights() {
        requireParams("weights");
        return List.of(w.dup().reshape(items, levels, hidden), hiddenBias.dup(), visibleBias.dup().reshape(items, levels));
    }

    /**
     * Replaces the weights, given as {@link #getWeights()} returns them.
     *
     * @throws IllegalArgumentException if there are not 3 arrays of those shapes
     */
    public void setWeights(List<INDArray> weights) {
        requireParams("setWeights");
        long[][] shapes = {{items, levels, hidden}, {hidden}, {items, levels}};
        if (weights == null || weights.size() != 3) {
            throw new IllegalArgumentException("RatingRBM weights are 3 arrays of shapes " + Arrays.deepToString(shapes)
                    + ", got " + (weights == null ? "null" : weights.size()));
        }
        for (int i = 0; i < 3; i++) {
            if (weights.get(i) == null || !Arrays.equals(weights.get(i).shape(), shapes[i])) {
                throw new IllegalArgumentException("weights[" + i + "] must have shape " + Arrays.toString(shapes[i])
                        + ", got " + (weights.get(i) == null ? "null" : Arrays.toString(weights.get(i).shape())));
            }
        }
        w.assign(weights.get(0).reshape((long) items * levels, hidden));
        hiddenBias.assign(weights.get(1));
        visibleBias.assign(weights.get(2).reshape((long) items * levels));
    }

    /** The negative phase's visible probabilities of the last training step {@code [users, items * levels]} (masked). */
    public INDArray negativeSamples() {
        INDArray s = ((Step) network()).negative;
        return s == null ? null : s.dup();
    }

    /**
     * Writes the configuration, weights and (when compiled) the SGD settings, momentum velocities
     * and step count to one file, atomically, in {@link RBM}'s file format. The rating matrix given
     * to {@code fit} is data, not part of the model: after {@link #load}, ask
     * {@link #recommend(INDArray, int)} with a user's ratings.
     *
     * @throws IllegalStateException before compile (there are no weights yet)
     */
    @Override
    public void save(Path path) {
        RbmFile.save(this, path);
    }

    /** Same as {@link #save}: the file is small; {@link #loadWeights} reads the weights back. */
    @Override
    public void saveWeights(Path path) {
        RbmFile.save(this, path);
    }

    /**
     * Loads the weights of a file written by {@link #save} of a RatingRBM of the same sizes.
     *
     * @throws IllegalArgumentException if the file is not a RatingRBM file of this architecture
     * @throws IllegalStateException before compile
     */
    @Override
    public void loadWeights(Path path) {
        requireParams("loadWeights");
        RatingRBM other = load(path);
        if (other.items != items || other.levels != levels || other.hidden != hidden) {
            throw new IllegalArgumentException(path + " holds a RatingRBM of " + other.items + " items, " + other.levels
                    + " levels and " + other.hidden + " hidden units, this one has " + items + ", " + levels + " and "
                    + hidden);
        }
        setWeights(other.getWeights());
    }

    /**
     * Loads a RatingRBM written by {@link #save}, compiled again if it was saved compiled.
     *
     * <pre>{@code
     * cf.save(Path.of("cf.k4rbm"));
     * RatingRBM back = RatingRBM.load(Path.of("cf.k4rbm"));
     * int[] top5 = back.recommend(ratings.getRow(7), 5);
     * }</pre>
     *
     * @throws IllegalArgumentException if the file is missing, truncated, not an RBM file, or holds an {@link RBM}
     */
    public static RatingRBM load(Path path) {
        return RbmFile.loadRating(path);
    }

    /** Used by {@link RbmFile}: an uncompiled RatingRBM with these weights. */
    static RatingRBM restored(Builder config, INDArray flat) {
        RatingRBM cf = config.build();
        cf.bind(flat);
        return cf;
    }

    /** The flat parameter vector itself, or null before compile (for {@link RbmFile}). */
    INDArray params() {
        return params;
    }

    /** Gibbs steps k of each CD-k update. */
    public int cdSteps() {
        return cdSteps;
    }

    /** The L2 decay of W. */
    public double weightDecay() {
        return weightDecay;
    }

    // ---- the conditionals ----

    /** Ratings {@code [n, items]} to one-hot visible states {@code [n, items * levels]}; unrated items all zero. */
    INDArray oneHot(INDArray ratings) {
        float[][] r = ratings.castTo(DataType.FLOAT).toFloatMatrix();
        float[][] v = new float[r.length][items * levels];
        for (int u = 0; u < r.length; u++) {
            for (int i = 0; i < items; i++) {
                int level = Math.round(r[u][i]);
                if (level > 0) {
                    v[u][i * levels + level - 1] = 1;
                }
            }
        }
        return Nd4j.createFromArray(v);
    }

    /** Each item's rated indicator repeated over its levels {@code [n, items * levels]}. */
    INDArray mask(INDArray oneHot) {
        long n = oneHot.size(0);
        INDArray rated = oneHot.reshape('c', n * items, levels).sum(1).reshape(n * items, 1);
        return rated.repeat(1, levels).reshape('c', n, (long) items * levels);
    }

    INDArray hiddenProbabilities(INDArray v) {
        return Transforms.sigmoid(v.mmul(w).addiRowVector(hiddenBias), false);
    }

    /** Softmax over each item's levels of {@code h Wᵀ + b}: {@code [n, items * levels]}. */
    INDArray visibleProbabilities(INDArray h) {
        long n = h.size(0);
        INDArray logits = h.mmul(w.transpose()).addiRowVector(visibleBias).reshape('c', n * items, levels);
        return Transforms.softmax(logits, false).reshape('c', n, (long) items * levels);
    }

    private INDArray expectedRatings(INDArray h) {
        long n = h.size(0);
        INDArray scale = Nd4j.arange(1, levels + 1).castTo(DataType.FLOAT).reshape(levels, 1);
        return visibleProbabilities(h).reshape('c', n * items, levels).mmul(scale).reshape('c', n, items);
    }

    private void checkRatings(String argument, INDArray ratings) {
        PCA.checkMatrix(argument, ratings);
        PCA.checkWidth(argument, ratings, items, "items");
        double[] values = ratings.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < 0 || v > levels) {
                throw new IllegalArgumentException(argument + " must hold integer ratings 1.." + levels + " (0 = not rated),"
                        + " got " + v + " at user " + i / items + ", item " + i % items);
            }
        }
    }

    private void requireParams(String operation) {
        if (params == null) {
            throw new IllegalStateException("RatingRBM '" + name() + "' has no weights yet: call compile() before "
                    + operation + "()");
        }
    }

    /** One masked CD-k step per batch; predictions are expected ratings. */
    private final class Step extends SgdAscent {
        private final org.keras4j.losses.Loss loss;
        private INDArray negative;

        Step(SGD sgd, org.keras4j.losses.Loss loss) {
            super(sgd, params);
            this.loss = loss;
        }

        @Override
        public double trainBatch(List<INDArray> x, List<INDArray> y, INDArray sampleWeight) {
            if (sampleWeight != null) {
                throw new IllegalArgumentException("a RatingRBM's update takes no sampleWeight or classWeight");
            }
            INDArray v0 = oneHot(x.get(0));
            INDArray mask = mask(v0);
            long n = v0.size(0);
            INDArray h0 = hiddenProbabilities(v0);
            double value = loss.compute(y.get(0), expectedRatings(h0));
            INDArray hs = RBM.bernoulli(h0);
            INDArray vk = null;
            INDArray hk = null;
            for (int step = 0; step < cdSteps; step++) {
                // unrated items are not part of this user's RBM: their reconstruction is masked out
                vk = visibleProbabilities(hs).muli(mask);
                hk = hiddenProbabilities(vk);
                hs = RBM.bernoulli(hk);
            }
            negative = vk;
            INDArray gradW = v0.transpose().mmul(h0).subi(vk.transpose().mmul(hk)).divi(n);
            if (weightDecay > 0) {
                gradW.subi(w.mul(weightDecay));
            }
            INDArray gradHidden = h0.sum(0).subi(hk.sum(0)).divi(n);
            INDArray gradVisible = v0.sum(0).subi(vk.sum(0)).divi(n);
            ascend(Nd4j.concat(0, gradW.reshape(-1), gradHidden.reshape(-1), gradVisible.reshape(-1)));
            return value;
        }

        @Override
        public void setCaptureTrainOutputs(boolean capture) {
            // no metrics beyond the loss
        }

        @Override
        public List<INDArray> lastTrainOutputs() {
            return List.of();
        }

        @Override
        public List<INDArray> predict(List<INDArray> x) {
            return List.of(expectedRatings(hiddenProbabilities(oneHot(x.get(0)))));
        }

        @Override
        protected String owner() {
            return "RatingRBM '" + name() + "'";
        }

        @Override
        public Object unwrap() {
            return RatingRBM.this;
        }
    }

    // ---- Model's graph view: one block, not a layer graph (BlockModel) ----

    @Override
    protected String insteadOfApply() {
        return "use predictRatings(ratings)";
    }

    @Override
    public long countParams() {
        long visible = (long) items * levels;
        return visible * hidden + hidden + visible;
    }

    @Override
    public String summaryText() {
        return SummaryFormatter.format(name(), List.of(
                new SummaryFormatter.Row("ratings", "softmax x" + levels, "(None, " + items + ")", (long) items * levels, 0),
                new SummaryFormatter.Row("hidden", "bernoulli", "(None, " + hidden + ")",
                        (long) items * levels * hidden + hidden, 0)));
    }

    /**
     * A RatingRBM's configuration.
     *
     * <pre>{@code
     * RatingRBM cf = RatingRBM.builder(130, 3, 32).cdSteps(1).weightDecay(1e-3).build();
     * }</pre>
     */
    public static final class Builder {
        private final int items;
        private final int levels;
        private final int hidden;
        private String name = "rating_rbm";
        private int cdSteps = 1;
        private double weightDecay;

        private Builder(int items, int levels, int hidden) {
            if (items < 1 || hidden < 1) {
                throw new IllegalArgumentException("items and hidden must be positive, got items " + items + ", hidden "
                        + hidden);
            }
            if (levels < 2) {
                throw new IllegalArgumentException("levels must be >= 2 rating levels, got " + levels);
            }
            this.items = items;
            this.levels = levels;
            this.hidden = hidden;
        }

        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must be a non-blank string, got " + name);
            }
            this.name = name;
            return this;
        }

        public Builder cdSteps(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("cdSteps must be >= 1, got " + k);
            }
            this.cdSteps = k;
            return this;
        }

        /** L2 decay of W (every item's weights, rated or not: it does not depend on the ratings). */
        public Builder weightDecay(double weightDecay) {
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("weightDecay must be a finite number >= 0, got " + weightDecay);
            }
            this.weightDecay = weightDecay;
            return this;
        }

        public RatingRBM build() {
            return new RatingRBM(this);
        }
    }
}
