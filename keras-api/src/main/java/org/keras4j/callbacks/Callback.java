package org.keras4j.callbacks;

import java.util.Map;
import org.keras4j.Model;

/**
 * Hooks into {@code fit}, {@code evaluate} and {@code predict}, with Keras's hook names and
 * log keys ({@code loss}, {@code accuracy}, {@code val_loss}, …). Every hook is a no-op by
 * default; override the ones you need. Epochs and batches count from 0, as in Keras. A
 * callback stops training with {@code model.setStopTraining(true)}.
 *
 * <pre>{@code
 * Callback printer = new Callback() {
 *     public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         System.out.println(epoch + ": " + logs.get("val_loss"));
 *     }
 * };
 * model.fit(x, y, FitOptions.defaults().epochs(5).validationSplit(0.2).callbacks(printer));
 * }</pre>
 */
public interface Callback {
    /** Called by {@code fit} before training with the model being trained. */
    default void setModel(Model model) {
    }

    default void onTrainBegin(Map<String, Double> logs) {
    }

    default void onTrainEnd(Map<String, Double> logs) {
    }

    default void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    /** {@code logs} holds the epoch's training metrics and, with validation, their {@code val_} versions. */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    default void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    /** {@code logs} holds the running means of loss and metrics over the epoch so far. */
    default void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }

    default void onTestBegin(Map<String, Double> logs) {
    }

    default void onTestEnd(Map<String, Double> logs) {
    }

    default void onTestBatchBegin(int batch, Map<String, Double> logs) {
    }

    default void onTestBatchEnd(int batch, Map<String, Double> logs) {
    }

    default void onPredictBegin(Map<String, Double> logs) {
    }

    default void onPredictEnd(Map<String, Double> logs) {
    }
}
