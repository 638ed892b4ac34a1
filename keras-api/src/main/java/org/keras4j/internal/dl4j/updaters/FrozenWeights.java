package org.keras4j.internal.dl4j.updaters;

import java.util.Collections;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The updater of a layer whose {@code trainable} is false: every update is zero, so its weights
 * stay bit-identical through {@code fit} while gradients still flow through it to the layers
 * before. DL4J's {@code NoOp} would instead apply the raw gradient. It has no learning rate, so
 * learning-rate schedules and {@code ReduceLROnPlateau} (DL4J's {@code setLearningRate}) pass it by.
 *
 * <pre>{@code
 * denseConf.setIUpdater(new FrozenWeights());
 * denseConf.setBiasUpdater(new FrozenWeights());
 * }</pre>
 */
public final class FrozenWeights implements IUpdater {

    @Override
    public long stateSize(long numParams) {
        return 0;
    }

    @Override
    public GradientUpdater<FrozenWeights> instantiate(INDArray viewArray, boolean initializeViewArray) {
        return new Zero(this);
    }

    @Override
    public GradientUpdater<FrozenWeights> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        return new Zero(this);
    }

    @Override
    public FrozenWeights clone() {
        return new FrozenWeights();
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return 0;
    }

    @Override
    public boolean hasLearningRate() {
        return false;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        throw new UnsupportedOperationException("a frozen layer has no learning rate");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrozenWeights;
    }

    @Override
    public int hashCode() {
        return FrozenWeights.class.hashCode();
    }

    @Override
    public String toString() {
        return "FrozenWeights()";
    }

    private record Zero(FrozenWeights getConfig) implements GradientUpdater<FrozenWeights> {
        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            // no state
        }

        @Override
        public Map<String, INDArray> getState() {
            return Collections.emptyMap();
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            // no state
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            gradient.assign(0);
        }
    }
}
