package org.keras4j.callbacks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.keras4j.Model;

/**
 * Saves the model (or its weights) during training, as Keras's {@code ModelCheckpoint}: at
 * every epoch end, or every {@code saveFreq} batches; with {@code saveBestOnly}, only when the
 * monitored quantity improves on the best saved so far (Keras's {@code initial_value_threshold}
 * can set the bar to beat). Files are written atomically, so a crash never leaves a half model.
 *
 * <p>{@code filepath} may hold Python-style fields filled from the epoch (1-based, as Keras), the
 * batch (1-based, when saving per batch) and the logs: {@code "ckpt/{epoch:02d}-{val_loss:.2f}.keras4j"}.
 * Without fields each save overwrites the same file.
 *
 * <p>Defaults: monitor {@code val_loss}, verbose 0, saveBestOnly off, saveWeightsOnly off, mode
 * auto, save every epoch.
 *
 * <pre>{@code
 * ModelCheckpoint best = new ModelCheckpoint("ckpt/best.keras4j").withSaveBestOnly(true);
 * model.fit(x, y, FitOptions.defaults().epochs(20).validationSplit(0.2).callbacks(best));
 * Model restored = Model.load(Path.of("ckpt/best.keras4j"));
 * }</pre>
 */
public final class ModelCheckpoint extends MonitorCallback {
    private final String filepath;
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private int saveFreq; // 0: every epoch
    private Double best;

    private int batchesSinceLastSave;
    private int lastBatchSeen;
    private int currentEpoch;

    /**
     * Saves to {@code filepath} (a template) monitoring {@code val_loss}.
     *
     * @throws IllegalArgumentException if the path is blank or its template fields are malformed
     */
    public ModelCheckpoint(String filepath) {
        this(filepath, "val_loss");
    }

    /** Saves to {@code filepath}, monitoring {@code monitor} for {@code saveBestOnly}. */
    public ModelCheckpoint(String filepath, String monitor) {
        super(monitor);
        if (filepath == null || filepath.isBlank()) {
            throw new IllegalArgumentException("filepath must not be blank");
        }
        PythonFormat.fields(filepath);
        this.filepath = filepath;
    }

    /** Saves to a fixed path (no template fields). */
    public ModelCheckpoint(Path filepath) {
        this(filepath == null ? null : filepath.toString());
    }

    /** Saves only when the monitored quantity improves on the best saved; default off. */
    public ModelCheckpoint withSaveBestOnly(boolean saveBestOnly) {
        this.saveBestOnly = saveBestOnly;
        return this;
    }

    /**
     * Saves the weights only ({@code Model.saveWeights}), not the whole model; default off.
     */
    public ModelCheckpoint withSaveWeightsOnly(boolean saveWeightsOnly) {
        this.saveWeightsOnly = saveWeightsOnly;
        return this;
    }

    /**
     * Saves every {@code batches} training batches instead of every epoch.
     *
     * @throws IllegalArgumentException if not positive
     */
    public ModelCheckpoint withSaveFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("saveFreq must be a positive number of batches, got " + batches);
        }
        this.saveFreq = batches;
        return this;
    }

    /** {@code "auto"} (default), {@code "min"} or {@code "max"}. */
    public ModelCheckpoint withMode(String mode) {
        setMode(mode);
        return this;
    }

    /** Only a value better than this is saved first (Keras's {@code initial_value_threshold}). */
    public ModelCheckpoint withInitialValueThreshold(double threshold) {
        this.best = threshold;
        return this;
    }

    /** 0 silent, 1 prints each save decision; default 0. */
    public ModelCheckpoint withVerbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** The best monitored value saved so far (or the initial threshold), null if none. */
    public Double best() {
        return best;
    }

    public String filepath() {
        return filepath;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (shouldSaveOnBatch(batch)) {
            save(currentEpoch, batch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        lowerIsBetter(); // resolve auto mode now that the model's metrics are known
        if (saveFreq == 0) {
            save(epoch, null, logs);
        }
    }

    private boolean shouldSaveOnBatch(int batch) {
        if (saveFreq == 0) {
            return false;
        }
        int added = batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen; // a new epoch restarts at 0
        batchesSinceLastSave += added;
        lastBatchSeen = batch;
        if (batchesSinceLastSave >= saveFreq) {
            batchesSinceLastSave = 0;
            return true;
        }
        return false;
    }

    private void save(int epoch, Integer batch, Map<String, Double> logs) {
        Path path = Path.of(filePath(epoch, batch, logs));
        if (!shouldSave(epoch, logs, path)) {
            return;
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("Please specify a non-directory filepath for ModelCheckpoint."
                    + " Filepath used is an existing directory: " + path);
        }
        if (saveWeightsOnly) {
            model.saveWeights(path);
        } else {
            model.save(path);
        }
    }

    private boolean shouldSave(int epoch, Map<String, Double> logs, Path path) {
        if (!saveBestOnly) {
            if (verbose > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": saving model to " + path);
            }
            return true;
        }
        Double current = logs == null ? null : logs.get(monitor());
        if (current == null) {
            monitorValue(logs); // warns: "Can save best model only with <monitor> available"
            return true;
        }
        String bestText = best == null ? "None" : String.format(Locale.ROOT, "%.5f", best);
        if (isImprovement(current, best)) {
            if (verbose > 0) {
                System.out.printf(Locale.ROOT, "%nEpoch %d: %s improved from %s to %.5f, saving model to %s%n",
                        epoch + 1, monitor(), bestText, current, path);
            }
            best = current;
            return true;
        }
        if (verbose > 0) {
            System.out.printf(Locale.ROOT, "%nEpoch %d: %s did not improve from %s%n", epoch + 1, monitor(), bestText);
        }
        return false;
    }

    /** {@code filepath} with its fields filled: epoch and batch 1-based, then the logs. */
    String filePath(int epoch, Integer batch, Map<String, Double> logs) {
        Map<String, Number> values = new LinkedHashMap<>();
        values.put("epoch", epoch + 1);
        if (batch != null && (logs == null || !logs.containsKey("batch"))) {
            values.put("batch", batch + 1);
        }
        if (logs != null) {
            values.putAll(logs);
        }
        return PythonFormat.format(filepath, values);
    }
}
