package org.keras4j.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.saving.ZipEntries;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Everything needed to continue a {@code fit} exactly where it was: the whole model
 * (architecture, weights, optimizer state and step count, as {@code Sequential.save} writes it),
 * the learning rate, the epoch to resume at, ND4J's random generator state (shuffling, dropout)
 * and the {@code History} so far — in one file, written atomically (temporary file, fsync,
 * rename), so a crash at any moment leaves either the previous checkpoint or the new one, never
 * a truncated file. {@link org.keras4j.callbacks.BackupAndRestore} writes and reads these.
 *
 * <pre>{@code
 * TrainingCheckpoint.capture(model, epoch + 1, 0, history).save(Path.of("run/latest.ckpt"));
 * // after a crash, in a new process:
 * TrainingCheckpoint ckpt = TrainingCheckpoint.load(Path.of("run/latest.ckpt"));
 * Sequential model = ckpt.model();      // or ckpt.restoreInto(sameArchitectureModel)
 * model.fit(x, y, FitOptions.defaults().epochs(20).initialEpoch(ckpt.epoch()));
 * }</pre>
 */
public final class TrainingCheckpoint {
    static final String FORMAT = "keras4j-checkpoint";
    static final int VERSION = 1;
    private static final String STATE = "checkpoint.json";
    private static final String MODEL = "model.keras4j";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZipEntries ZIP = new ZipEntries("checkpoint file", "keras4j training checkpoint");

    private final int epoch;
    private final int batch;
    private final double learningRate;
    private final long rngRootState;
    private final long rngNodeState;
    private final History history;
    private final byte[] modelArchive;

    private TrainingCheckpoint(int epoch, int batch, double learningRate, long rngRootState, long rngNodeState,
            History history, byte[] modelArchive) {
        this.epoch = epoch;
        this.batch = batch;
        this.learningRate = learningRate;
        this.rngRootState = rngRootState;
        this.rngNodeState = rngNodeState;
        this.history = history;
        this.modelArchive = modelArchive;
    }

    /**
     * The training state of {@code model} now.
     *
     * @param epoch   the epoch a resumed fit starts at: the number of completed epochs at an epoch end
     * @param batch   batches of {@code epoch} already trained (0 at an epoch end)
     * @param history the epochs recorded so far (copied), or null for none
     * @throws IllegalArgumentException if the model is not a compiled Sequential, or epoch/batch are negative
     * @throws IllegalStateException if the model is not compiled
     */
    public static TrainingCheckpoint capture(Model model, int epoch, int batch, History history) {
        if (!(model instanceof Sequential sequential)) {
            throw new IllegalArgumentException("TrainingCheckpoint supports Sequential models, got "
                    + (model == null ? "null" : model.getClass().getSimpleName()));
        }
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("epoch and batch must be >= 0, got epoch " + epoch + ", batch " + batch);
        }
        Random rng = Nd4j.getRandom();
        return new TrainingCheckpoint(epoch, batch, sequential.optimizer().getLearningRate(), rng.rootState(),
                rng.nodeState(), Histories.copy(history), ModelBytes.of(sequential));
    }

    /** The epoch a resumed fit starts at (0-based): the number of epochs completed. */
    public int epoch() {
        return epoch;
    }

    /** Batches of {@link #epoch()} trained when the checkpoint was taken mid-epoch; 0 at an epoch end. */
    public int batch() {
        return batch;
    }

    /** The optimizer's learning rate at the checkpoint (it may differ from the compiled one). */
    public double learningRate() {
        return learningRate;
    }

    /** The epochs recorded up to the checkpoint (a copy). */
    public History history() {
        return Histories.copy(history);
    }

    /** The model as saved: architecture, compile settings, weights, optimizer state and step count. */
    public Sequential model() {
        Sequential model = ModelBytes.load(modelArchive);
        model.optimizer().setLearningRate(learningRate);
        return model;
    }

    /**
     * Puts the checkpoint's state into {@code model} (same architecture and optimizer): weights,
     * optimizer state, step count, learning rate, and ND4J's random generator.
     *
     * @throws IllegalArgumentException if the model's parameters or optimizer differ from the checkpoint's
     */
    public void restoreInto(Model model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        Sequential saved = ModelBytes.load(modelArchive);
        if (saved.countParams() != model.countParams()) {
            throw new IllegalArgumentException("the checkpoint holds " + saved.countParams() + " parameters but model '"
                    + model.name() + "' has " + model.countParams() + ": restore into the architecture it was taken from");
        }
        model.setWeights(saved.getWeights());
        try {
            model.network().setOptimizerState(saved.network().optimizerState());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint's optimizer (" + saved.optimizer().identifier()
                    + ") does not match model '" + model.name() + "' compiled with " + model.optimizer().identifier()
                    + ": " + e.getMessage(), e);
        }
        model.network().setIterationCount(saved.network().iterationCount());
        model.optimizer().setLearningRate(learningRate);
        // last: loading the saved model re-seeded ND4J's generator while building its network
        Nd4j.getRandom().setStates(rngRootState, rngNodeState);
    }

    /**
     * Writes this checkpoint to {@code path} atomically.
     *
     * @throws UncheckedIOException if it cannot be written; the previous file is then unchanged
     */
    public void save(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("format_version", VERSION);
        doc.put("epoch", epoch);
        doc.put("batch", batch);
        doc.put("learning_rate", learningRate);
        Map<String, Object> rng = new LinkedHashMap<>();
        rng.put("root_state", rngRootState);
        rng.put("node_state", rngNodeState);
        doc.put("rng", rng);
        doc.put("history", historyRecords(history));
        byte[] state;
        try {
            state = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(STATE, state);
        entries.put(MODEL, modelArchive);
        ZIP.write(path, entries);
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @throws IllegalArgumentException if the file is missing, truncated, corrupt or not a keras4j checkpoint
     */
    @SuppressWarnings("unchecked")
    public static TrainingCheckpoint load(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        Map<String, byte[]> entries = ZIP.read(path);
        byte[] state = entries.get(STATE);
        byte[] model = entries.get(MODEL);
        if (state == null || model == null) {
            throw corrupt(path, "it lacks " + (state == null ? STATE : MODEL));
        }
        Map<String, Object> doc;
        try {
            doc = JSON.readValue(state, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw corrupt(path, STATE + " is not valid JSON (" + e.getMessage() + ")");
        }
        if (!FORMAT.equals(doc.get("format"))) {
            throw corrupt(path, "its format is '" + doc.get("format") + "'");
        }
        int version = ((Number) doc.getOrDefault("format_version", -1)).intValue();
        if (version > VERSION) {
            throw new IllegalArgumentException(path + " was written by a newer keras4j (checkpoint format " + version
                    + "); this version reads up to " + VERSION);
        }
        try {
            Map<String, Object> rng = (Map<String, Object>) doc.get("rng");
            return new TrainingCheckpoint(((Number) doc.get("epoch")).intValue(), ((Number) doc.get("batch")).intValue(),
                    number(doc.get("learning_rate")), ((Number) rng.get("root_state")).longValue(),
                    ((Number) rng.get("node_state")).longValue(), history((List<Object>) doc.get("history")), model);
        } catch (ClassCastException | NullPointerException e) {
            throw corrupt(path, STATE + " misses or mistypes a field (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return "TrainingCheckpoint{epoch=" + epoch + ", batch=" + batch + ", learningRate=" + learningRate
                + ", historyEpochs=" + (history == null ? 0 : history.size()) + "}";
    }

    // ---- helpers ----

    /** One {epoch, logs} record per recorded epoch. */
    private static List<Map<String, Object>> historyRecords(History history) {
        List<Map<String, Object>> records = new ArrayList<>();
        if (history == null) {
            return records;
        }
        for (int i = 0; i < history.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("epoch", history.epochs().get(i));
            r.put("logs", Histories.logsAt(history, i));
            records.add(r);
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    private static History history(List<Object> records) {
        History h = new History();
        for (Object o : records) {
            Map<String, Object> r = (Map<String, Object>) o;
            h.record(((Number) r.get("epoch")).intValue(), logsOf(r.get("logs")));
        }
        return h;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> logsOf(Object logs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) logs).entrySet()) {
            out.put(e.getKey(), number(e.getValue()));
        }
        return out;
    }

    /** JSON numbers, or the strings Jackson writes for NaN and infinities. */
    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return Double.parseDouble((String) value);
    }

    private static IllegalArgumentException corrupt(Path path, String why) {
        return ZIP.corrupt(path, why);
    }

    /** A whole Sequential model as the bytes of its {@code Sequential.save} file. */
    static final class ModelBytes {
        private ModelBytes() {
        }

        static byte[] of(Sequential model) {
            // ModelArchive writes to paths only: go through a private temporary file
            Path tmp = null;
            try {
                tmp = Files.createTempFile("keras4j-checkpoint-model", ".keras4j");
                model.save(tmp);
                return Files.readAllBytes(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("could not serialize model '" + model.name() + "': " + e.getMessage(), e);
            } finally {
                deleteQuietly(tmp);
            }
        }

        static Sequential load(byte[] archive) {
            Path tmp = null;
            try {
                tmp = Files.createTempFile("keras4j-checkpoint-model", ".keras4j");
                Files.write(tmp, archive);
                return Sequential.load(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the checkpoint's model: " + e.getMessage(), e);
            } finally {
                deleteQuietly(tmp);
            }
        }

        private static void deleteQuietly(Path p) {
            if (p != null) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans its temp directory
                }
            }
        }
    }
}
