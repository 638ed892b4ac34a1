package org.keras4j.models;

import org.keras4j.engine.CompiledNetwork;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the contrastive-divergence networks ({@link ContrastiveDivergence}, {@code RatingRBM}'s)
 * share behind the engine's seam: a flat parameter vector moved up a log-likelihood gradient by
 * SGD with Keras's momentum and Nesterov rule, its velocities as the optimizer state, the step
 * count and the learning rate the schedules set.
 *
 * <pre>{@code
 * ascent.ascend(grad);   // params += lr * grad, or the momentum step
 * }</pre>
 */
abstract class SgdAscent implements CompiledNetwork {
    private final SGD sgd;
    private final INDArray params;
    private final INDArray velocity; // same layout as the parameters; null without momentum
    private double learningRate;
    private int iterations;

    /** @param params the model's flat parameter vector, updated in place */
    SgdAscent(SGD sgd, INDArray params) {
        this.sgd = sgd;
        this.params = params;
        this.learningRate = sgd.getLearningRate();
        this.velocity = sgd.momentum() > 0 ? Nd4j.zeros(DataType.FLOAT, params.length()) : null;
    }

    /** The model's name, for error messages. */
    protected abstract String owner();

    /**
     * One ascent step along {@code grad} (overwritten: it is scaled in place), then one more step
     * counted: {@code w += lr g}; with momentum {@code vel = mu vel + lr g; w += vel}, Nesterov
     * {@code w += mu vel + lr g}.
     */
    protected final void ascend(INDArray grad) {
        grad.muli(learningRate);
        if (velocity == null) {
            params.addi(grad);
        } else {
            double mu = sgd.momentum();
            velocity.muli(mu).addi(grad);
            if (sgd.nesterov()) {
                params.addi(grad).addi(velocity.mul(mu));
            } else {
                params.addi(velocity);
            }
        }
        iterations++;
    }

    double learningRate() {
        return learningRate;
    }

    /** Whether a step is {@code w += lr g} (no momentum): a subclass may then add {@code lr g} to the parameters itself. */
    protected final boolean plainSgd() {
        return velocity == null;
    }

    /** Counts a step a subclass applied itself (see {@link #plainSgd()}). */
    protected final void countStep() {
        iterations++;
    }

    @Override
    public double regularizationPenalty() {
        return 0;
    }

    @Override
    public INDArray params() {
        return params.dup();
    }

    @Override
    public void setParams(INDArray p) {
        if (p == null || p.length() != params.length()) {
            throw new IllegalArgumentException(owner() + " has " + params.length() + " parameters, got "
                    + (p == null ? "null" : p.length()));
        }
        params.assign(p.reshape(-1));
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
            throw new IllegalArgumentException("the optimizer state of " + owner() + " has " + expected
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
        // the update does not depend on the epoch; schedules read the step count
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public long numParams() {
        return params.length();
    }
}
