package org.keras4j.callbacks;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A callback made of lambdas, for quick hooks, as Keras's {@code LambdaCallback}: each
 * {@code with…} sets the code run at that point; the others do nothing.
 *
 * <pre>{@code
 * Callback printer = new LambdaCallback()
 *         .withOnEpochEnd((epoch, logs) -> System.out.println(epoch + ": " + logs.get("loss")))
 *         .withOnTrainEnd(logs -> System.out.println("done"));
 * model.fit(x, y, FitOptions.defaults().epochs(5).callbacks(printer));
 * }</pre>
 */
public final class LambdaCallback implements Callback {
    /** Code run with an epoch or batch index and the logs. */
    @FunctionalInterface
    public interface IndexedHook {
        void accept(int index, Map<String, Double> logs);
    }

    private IndexedHook onEpochBegin;
    private IndexedHook onEpochEnd;
    private Consumer<Map<String, Double>> onTrainBegin;
    private Consumer<Map<String, Double>> onTrainEnd;
    private IndexedHook onTrainBatchBegin;
    private IndexedHook onTrainBatchEnd;

    public LambdaCallback withOnEpochBegin(IndexedHook hook) {
        this.onEpochBegin = hook;
        return this;
    }

    public LambdaCallback withOnEpochEnd(IndexedHook hook) {
        this.onEpochEnd = hook;
        return this;
    }

    public LambdaCallback withOnTrainBegin(Consumer<Map<String, Double>> hook) {
        this.onTrainBegin = hook;
        return this;
    }

    public LambdaCallback withOnTrainEnd(Consumer<Map<String, Double>> hook) {
        this.onTrainEnd = hook;
        return this;
    }

    public LambdaCallback withOnTrainBatchBegin(IndexedHook hook) {
        this.onTrainBatchBegin = hook;
        return this;
    }

    public LambdaCallback withOnTrainBatchEnd(IndexedHook hook) {
        this.onTrainBatchEnd = hook;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (onEpochBegin != null) {
            onEpochBegin.accept(epoch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (onEpochEnd != null) {
            onEpochEnd.accept(epoch, logs);
        }
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (onTrainBegin != null) {
            onTrainBegin.accept(logs);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (onTrainEnd != null) {
            onTrainEnd.accept(logs);
        }
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        if (onTrainBatchBegin != null) {
            onTrainBatchBegin.accept(batch, logs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (onTrainBatchEnd != null) {
            onTrainBatchEnd.accept(batch, logs);
        }
    }
}
