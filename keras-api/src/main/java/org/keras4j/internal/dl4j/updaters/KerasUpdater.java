package org.keras4j.internal.dl4j.updaters;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Base of the DL4J updater configurations that apply a Keras optimizer's exact rule where
 * DL4J's built-in updater differs. Holds the learning rate (settable through
 * {@code MultiLayerNetwork.setLearningRate}) and lays out the optimizer's state arrays, each as
 * long as the parameters, one after the other in DL4J's updater state view.
 *
 * <p>Subclasses are plain beans (public no-arg constructor, fields serialized by DL4J's
 * Jackson configuration) because DL4J clones configurations through JSON.
 *
 * <pre>{@code
 * IUpdater updater = new KerasAdagrad(1e-3, 0.1, 1e-7);
 * new NeuralNetConfiguration.Builder().updater(updater);
 * }</pre>
 */
public abstract class KerasUpdater implements IUpdater {
    protected double learningRate;
    protected ISchedule learningRateSchedule;

    protected KerasUpdater() {
    }

    protected KerasUpdater(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Names of the state arrays (Keras's optimizer variable names), in view order. */
    public abstract List<String> stateKeys();

    /** The value a state array starts from (Adagrad's accumulator starts at 0.1). */
    public double initialStateValue(int slot) {
        return 0.0;
    }

    /** The hyperparameters besides the learning rate, for equality (booleans as 0 / 1). */
    protected abstract double[] hyperParameters();

    protected abstract KerasGradientUpdater<?> newUpdater();

    @Override
    public long stateSize(long numParams) {
        return stateKeys().size() * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        KerasGradientUpdater<?> updater = newUpdater();
        int slots = stateKeys().size();
        long numParams = slots == 0 ? 0 : viewArray.length() / slots;
        updater.setStateViewArray(viewArray, new long[] {numParams}, viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        KerasGradientUpdater<?> updater = newUpdater();
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public abstract KerasUpdater clone();

    /** Copies the learning rate and schedule into a clone. */
    protected final <U extends KerasUpdater> U withLearningRateOf(U copy) {
        copy.learningRate = learningRate;
        copy.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        return copy;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    public void setLearningRateSchedule(ISchedule learningRateSchedule) {
        this.learningRateSchedule = learningRateSchedule;
    }

    @Override
    public boolean equals(Object o) {
        // DL4J merges layers whose updater configurations are equal into one updater block
        return o != null && o.getClass() == getClass()
                && Double.compare(learningRate, ((KerasUpdater) o).learningRate) == 0
                && Objects.equals(learningRateSchedule, ((KerasUpdater) o).learningRateSchedule)
                && Arrays.equals(hyperParameters(), ((KerasUpdater) o).hyperParameters());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), learningRate, learningRateSchedule, Arrays.hashCode(hyperParameters()));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(learningRate=" + learningRate
                + (learningRateSchedule == null ? "" : ", schedule=" + learningRateSchedule)
                + ", " + Arrays.toString(hyperParameters()) + ")";
    }
}
