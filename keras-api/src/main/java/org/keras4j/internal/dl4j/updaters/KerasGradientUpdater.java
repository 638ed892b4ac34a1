package org.keras4j.internal.dl4j.updaters;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * Base of the gradient updaters behind {@link KerasUpdater}: manages the state arrays and turns
 * DL4J's call into one Keras step. DL4J hands in the mini-batch mean gradient and subtracts
 * whatever {@link #update} leaves in it from the parameters.
 *
 * <pre>{@code
 * GradientUpdater u = new KerasAdagrad().instantiate(Nd4j.zeros(1, 10), true);
 * u.applyUpdater(gradient, iteration, epoch);   // gradient now holds the step to subtract
 * }</pre>
 *
 * @param <T> its configuration
 */
public abstract class KerasGradientUpdater<T extends KerasUpdater> implements GradientUpdater<T> {
    protected final T config;
    private INDArray[] state;

    protected KerasGradientUpdater(T config) {
        this.config = config;
    }

    /**
     * Turns {@code gradient} in place into the amount to subtract from the parameters.
     *
     * @param gradient mean gradient over the mini-batch, shaped like each state array
     * @param state the state arrays, in {@link KerasUpdater#stateKeys()} order, updated in place
     * @param learningRate current learning rate
     * @param step Keras's {@code iterations + 1}: 1 on the first update
     */
    protected abstract void update(INDArray gradient, INDArray[] state, double learningRate, int step);

    @Override
    public T getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        List<String> keys = config.stateKeys();
        if (!stateMap.keySet().equals(new java.util.HashSet<>(keys))) {
            throw new IllegalStateException("State map should contain exactly the keys " + keys + " but has keys "
                    + stateMap.keySet());
        }
        INDArray[] arrays = new INDArray[keys.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = stateMap.get(keys.get(i));
            if (initialize) {
                arrays[i].assign(config.initialStateValue(i));
            }
        }
        this.state = arrays;
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        List<String> keys = config.stateKeys();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), state == null ? null : state[i]);
        }
        return out;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        int slots = config.stateKeys().size();
        INDArray[] arrays = new INDArray[slots];
        if (slots > 0) {
            INDArray flat = viewArray.reshape(viewArray.length());
            long n = flat.length() / slots;
            for (int i = 0; i < slots; i++) {
                INDArray slot = flat.get(NDArrayIndex.interval(i * n, (i + 1) * n));
                if (initialize) {
                    slot.assign(config.initialStateValue(i));
                }
                arrays[i] = Shape.newShapeNoCopy(slot, gradientShape, gradientOrder == 'f');
                if (arrays[i] == null) {
                    throw new IllegalStateException("Could not reshape the updater state view to " + Arrays.toString(gradientShape));
                }
            }
        }
        this.state = arrays;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (state == null) {
            throw new IllegalStateException("Updater has not been initialized with view state");
        }
        INDArray g = state.length == 0 || Arrays.equals(gradient.shape(), state[0].shape())
                ? gradient : gradient.reshape(state[0].shape());
        update(g, state, config.getLearningRate(iteration, epoch), iteration + 1);
    }
}
