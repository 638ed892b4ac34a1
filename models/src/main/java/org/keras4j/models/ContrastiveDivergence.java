package org.keras4j.models;

import java.util.List;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.losses.Loss;
import org.keras4j.optimizers.SGD;
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
final class ContrastiveDivergence extends SgdAscent {
    private final RBM rbm;
    private final Loss loss;
    private INDArray chains;            // PCD's hidden states [chains, hidden]
    private INDArray negativeVisible;   // last negative phase's visible states
    private INDArray hiddenMeanRunning; // sparsity's running mean q [hidden]
    private boolean capture;
    private INDArray lastReconstruction;

    ContrastiveDivergence(RBM rbm, SGD sgd, Loss loss) {
        super(sgd, rbm.params());
        this.rbm = rbm;
        this.loss = loss;
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
        ascend(Nd4j.concat(0, gradW.reshape(-1), gradHidden.reshape(-1), gradVisible.reshape(-1)));
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
    protected String owner() {
        return "RBM '" + rbm.name() + "'";
    }

    @Override
    public Object unwrap() {
        return rbm;
    }
}
