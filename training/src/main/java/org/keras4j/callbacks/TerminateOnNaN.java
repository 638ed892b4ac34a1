package org.keras4j.callbacks;

import java.util.Map;
import org.keras4j.Model;

/**
 * Stops training as soon as a batch's loss is NaN or infinite, as Keras's
 * {@code TerminateOnNaN}: by default gracefully ({@code model.setStopTraining(true)}, so every
 * callback's {@code onTrainEnd} still runs); with {@code raiseError}, by throwing at once, which
 * skips {@code onTrainEnd} (a {@link BackupAndRestore} backup is then kept).
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(50).callbacks(new TerminateOnNaN()));
 * }</pre>
 */
public final class TerminateOnNaN implements Callback {
    private final boolean raiseError;
    private Model model;

    /** Stops gracefully. */
    public TerminateOnNaN() {
        this(false);
    }

    /** @param raiseError throw {@link IllegalStateException} instead of stopping gracefully */
    public TerminateOnNaN(boolean raiseError) {
        this.raiseError = raiseError;
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    /**
     * @throws IllegalStateException with {@code raiseError}, when the loss is NaN or infinite
     */
    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs == null ? null : logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            if (raiseError) {
                throw new IllegalStateException("NaN or Inf loss encountered at batch " + batch + ". Loss value: "
                        + loss + ". Terminating training immediately.");
            }
            System.out.println("Batch " + batch + ": Invalid loss, terminating training");
            model.setStopTraining(true);
        }
    }
}
