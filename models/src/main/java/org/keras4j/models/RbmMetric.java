package org.keras4j.models;

import java.util.function.Function;
import org.keras4j.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A per-sample statistic of an RBM averaged over the samples of an epoch or an evaluation:
 * {@code pseudo_likelihood} (scikit-learn's {@code score_samples}) or {@code free_energy}. It
 * reads the data ({@code yTrue}: an RBM's targets are its inputs) and the RBM's current weights;
 * the reconstruction ({@code yPred}) is not used.
 *
 * <pre>{@code
 * rbm.compile(new SGD(0.05), "mse", "pseudo_likelihood", "free_energy");
 * }</pre>
 */
final class RbmMetric extends Metric {
    static final String PSEUDO_LIKELIHOOD = "pseudo_likelihood";
    static final String FREE_ENERGY = "free_energy";

    private final RBM rbm;
    private final Function<INDArray, INDArray> perSample;
    private double sum;
    private long count;

    private RbmMetric(String name, RBM rbm, Function<INDArray, INDArray> perSample) {
        super(name);
        this.rbm = rbm;
        this.perSample = perSample;
    }

    static RbmMetric pseudoLikelihood(RBM rbm) {
        if (rbm.visibleUnits() != RBM.VisibleUnits.BERNOULLI) {
            throw new IllegalArgumentException("metric '" + PSEUDO_LIKELIHOOD + "' needs Bernoulli visible units, RBM '"
                    + rbm.name() + "' has gaussian ones: use '" + FREE_ENERGY + "'");
        }
        return new RbmMetric(PSEUDO_LIKELIHOOD, rbm, rbm::pseudoLikelihood);
    }

    static RbmMetric freeEnergy(RBM rbm) {
        return new RbmMetric(FREE_ENERGY, rbm, rbm::freeEnergy);
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        INDArray values = perSample.apply(yTrue);
        sum += values.sumNumber().doubleValue();
        count += values.length();
    }

    @Override
    public double result() {
        return count == 0 ? 0 : sum / count;
    }

    @Override
    public Metric copy() {
        return new RbmMetric(name(), rbm, perSample);
    }

    @Override
    public String identifier() {
        return name();
    }
}
