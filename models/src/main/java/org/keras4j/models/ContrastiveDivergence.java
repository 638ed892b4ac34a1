package org.keras4j.models;

import java.util.List;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.losses.Loss;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
 * <pre>{@code
 * double loss = new ContrastiveDivergence(rbm, new SGD(0.1), new MeanSquaredError()).trainBatch(x, x, null);
 * }</pre>
 */
final class ContrastiveDivergence implements CompiledNetwork {
    private final RBM rbm;
    private final SGD sgd;
    private final Loss loss;
    private double learningRate;
    private INDArray velocity;          // same layout as the parameters; null without momentum
    private INDArray chains;            // PCD's hidden states [chains, hidden]
    private INDArray negativeVisible;   // last negative phase's visible states
    private INDArray hiddenMeanRunning; // sparsity's running mean q [hidden]
    private boolean capture;
    private INDArray lastReconstruction;
    private int iterations;

    ContrastiveDivergence(RBM rbm, SGD sgd, Loss loss) {
        this.rbm = rbm;
        this.sgd = sgd;
        this.loss = loss;
        this.learningRate = sgd.getLearningRate();
        this.velocity = sgd.momentum() > 0 ? Nd4j.zeros(DataType.FLOAT, rbm.countParams()) : null;
    }

    @Override
    public double trainBatch(List<INDArray> x, List<INDArray> y, INDArray sampleWeight) {
        if (sampleWeight != null) {
            throw new IllegalArgumentException("an RBM's contrastive-divergence update takes no sampleWeight or classWeight");
        }
        INDArray v0 = x.get(0);
        INDArray h0 = rbm.hiddenProbabilities(v0);
        // the reported loss: the reconstruction before the update, as Keras reports a batch's loss
        INDArray reconstruction = rbm.visibleMean(h0);
        double value = loss.compute(y.isEmpty() ? v0 : y.get(0), reconstruction);
        lastReconstruction = capture ? reconstruction : null;
        update(v0, h0);
        iterations++;
        return value;
    }

    /** One CD-k / PCD-k ascent step from the batch {@code v0} with hidden probabilities {@code h0}. */
    private void update(INDArray v0, INDArray h0) {
        long n = v0.size(0);
        INDArray hs = rbm.persistent() && chains != null ? chains : RBM.bernoulli(h0);
        INDArray vk = null;
        INDArray hk = null;
        for (int step = 0; step < rbm.cdSteps(); step++) {
            vk = rbm.sampleVisible(hs, false);
            hk = rbm.hiddenProbabilities(vk);
            hs = RBM.bernoulli(hk);
        }
        if (rbm.persistent()) {
            chains = hs;
        }
        negativeVisible = vk;
        long m = vk.size(0);

        INDArray gradW = v0.transpose().mmul(h0).divi(n).subi(vk.transpose().mmul(hk).divi(m));
        INDArray gradHidden = h0.mean(0).subi(hk.mean(0));
        INDArray gradVisible = v0.mean(0).subi(vk.mean(0));
        if (rbm.weightDecay() > 0) {
            gradW.subi(rbm.w().mul(rbm.weightDecay()));
        }
        if (rbm.sparsityTarget() > 0 && rbm.sparsityCost() > 0) {
            INDArray q = h0.mean(0);
            hiddenMeanRunning = hiddenMeanRunning == null ? q
                    : hiddenMeanRunning.muli(RBM.SPARSITY_DECAY).addi(q.muli(1 - RBM.SPARSITY_DECAY));
            INDArray pull = hiddenMeanRunning.rsub(rbm.sparsityTarget()).muli(rbm.sparsityCost());
            gradHidden.addi(pull);
            gradW.addi(v0.mean(0).reshape(rbm.visible(), 1).mmul(pull.reshape(1, rbm.hidden())));
        }
        INDArray grad = Nd4j.concat(0, gradW.reshape(-1), gradHidden.reshape(-1), gradVisible.reshape(-1));
        INDArray params = rbm.params();
        if (velocity == null) {
            params.addi(grad.muli(learningRate));
        } else {
            double mu = sgd.momentum();
            velocity.muli(mu).addi(grad.mul(learningRate));
            if (sgd.nesterov()) {
                params.addi(velocity.mul(mu)).addi(grad.muli(learningRate));
            } else {
                params.addi(velocity);
            }
        }
    }

    INDArray negativeVisible() {
        return negativeVisible;
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
    public double regularizationPenalty() {
        return 0;
    }

    @Override
    public INDArray params() {
        return rbm.params().dup();
    }

    @Override
    public void setParams(INDArray params) {
        if (params == null || params.length() != rbm.countParams()) {
            throw new IllegalArgumentException("RBM '" + rbm.name() + "' has " + rbm.countParams() + " parameters, got "
                    + (params == null ? "null" : params.length()));
        }
        rbm.params().assign(params.reshape(-1));
    }

    /** The momentum velocities, flattened as the parameters; empty without momentum. */
    @Override
    public INDArray optimizerState() {
        return velocity == null ? Nd4j.empty(DataType.FLOAT) : velocity.dup();
    }

    @Override
    public void setOptimizerState(INDArray state) {
        long expected = velocity == null ? 0 : velocity.length();
        if (state == null || state.length() != expected) {
            throw new IllegalArgumentException("the optimizer state of RBM '" + rbm.name() + "' has " + expected
                    + " values, got " + (state == null ? "null" : state.length()));
        }
        if (velocity != null) {
            velocity.assign(state.reshape(-1));
        }
    }

    @Override
    public int iterationCount() {
        return iterations;
    }

    @Override
    public void setIterationCount(int iterations) {
        this.iterations = iterations;
    }

    @Override
    public void setEpochCount(int epoch) {
        // the CD update does not depend on the epoch; schedules read the step count
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    double learningRate() {
        return learningRate;
    }

    @Override
    public long numParams() {
        return rbm.countParams();
    }

    @Override
    public Object unwrap() {
        return rbm;
    }
}
