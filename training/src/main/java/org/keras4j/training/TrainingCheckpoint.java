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
import org.keras4j.callbacks.History;
import org.keras4j.saving.ArchiveReader;
import org.keras4j.saving.ZipEntries;
import org.keras4j.utils.Configs;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Everything needed to continue a {@code fit} exactly where it was: the whole model, of any kind
 * (architecture, weights, optimizer state and step count, as {@code Model.save} writes it),
 * the learning rate, the epoch to resume at, ND4J's random generator state (shuffling, dropout)
 * and the {@code History} so far — in one file, written atomically (temporary file, fsync,
 * rename), so a crash at any moment leaves either the previous checkpoint or the new one, never
 * a truncated file. {@link org.keras4j.callbacks.BackupAndRestore} writes and reads these.
 *
 * <pre>{@code
 * TrainingCheckpoint.capture(model, epoch + 1, 0, history).save(Path.of("run/latest.ckpt"));
 * // after a crash, in a new process:
 * TrainingCheckpoint ckpt = TrainingCheckpoint.load(Path.of("run/latest.ckpt"));
 * Model model = ckpt.model();           // or ckpt.restoreInto(sameArchitectureModel)
 * model.fit(x, y, FitOptions.defaults().epochs(20).initialEpoch(ckpt.epoch()));
 * }</pre>
 */
public final class TrainingCheckpoint {
    static final String FORMAT = "keras4j-checkpoint";
    static final int VERSION = 1;
    private static final String STATE = "checkpoint.json";
    private static final String MODEL = "model.keras4j";
    /** checkpoint.json grows by one small record per epoch: megabytes are thousands of epochs. */
    private static final long MAX_STATE_BYTES = 16L << 20;
    /** Deflating an already deflated model file again shrinks it by a few percent, not by this. */
    private static final long MAX_MODEL_RATIO = 16;
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
     * @throws IllegalArgumentException if the model is null, or epoch/batch are negative
     * @throws IllegalStateException if the model is not compiled
     */
    public static TrainingCheckpoint capture(Model model, int epoch, int batch, History history) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("epoch and batch must be >= 0, got epoch " + epoch + ", batch " + batch);
        }
        Random rng = Nd4j.getRandom();
        return new TrainingCheckpoint(epoch, batch, model.optimizer().getLearningRate(), rng.rootState(),
                rng.nodeState(), Histories.copy(history), ModelBytes.of(model));
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

    /**
     * The model as saved, as the kind of model it was saved from: architecture, compile settings, weights,
     * optimizer state and step count.
     */
    public Model model() {
        Model model = ModelBytes.load(modelArchive);
        model.optimizer().setLearningRate(learningRate);
        return model;
    }

    /**
     * Puts the checkpoint's state into {@code model} (same architecture and optimizer): weights
     * (layer by layer, matched by name, as {@code loadWeights}), optimizer state, step count,
     * learning rate, and ND4J's random generator.
     *
     * @throws IllegalArgumentException if the model's layers, parameters or optimizer differ from the checkpoint's
     * @throws IllegalStateException if the model is not compiled
     */
    public void restoreInto(Model model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        Model saved = ModelBytes.load(modelArchive);
        if (saved.countParams() != model.countParams()) {
            throw new IllegalArgumentException("the checkpoint holds " + saved.countParams() + " parameters but model '"
                    + model.name() + "' has " + model.countParams() + ": restore into the architecture it was taken from");
        }
        ModelBytes.loadWeightsInto(model, modelArchive);
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
    public static TrainingCheckpoint load(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        try (ArchiveReader zip = ZIP.open(path)) {
            byte[] state = zip.read(STATE, MAX_STATE_BYTES, "the most a " + STATE + " may take");
            // the nested model file is compressed already, so compressing it again gains little: a bound on its
            // ratio keeps a small checkpoint from inflating to gigabytes; the model file's own checks follow on load
            long compressed = zip.compressedSize(MODEL);
            byte[] model = zip.read(MODEL, compressed < 0 ? ArchiveReader.MAX_ENTRY_BYTES
                    : compressed * MAX_MODEL_RATIO + MAX_STATE_BYTES, "the most a compressed model file inflates to");
            Map<String, Object> doc;
            try {
                doc = JSON.readValue(state, new TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                throw zip.corrupt(STATE + " is not a valid JSON object (" + e.getMessage() + ")");
            }
            if (doc == null || !FORMAT.equals(doc.get("format"))) {
                throw zip.corrupt(STATE + ": 'format' must be \"" + FORMAT + "\", found "
                        + Configs.describe(doc == null ? null : doc.get("format")));
            }
            int version;
            try {
                version = Configs.getInt(doc, "format_version", -1);
            } catch (IllegalArgumentException e) {
                throw mistyped(zip, e);
            }
            if (version > VERSION) {
                throw new IllegalArgumentException(path + " was written by a newer keras4j (checkpoint format "
                        + version + "); this version reads up to " + VERSION);
            }
            try {
                Map<String, Object> rng = Configs.requireMap(doc, "rng");
                return new TrainingCheckpoint(Configs.toInt("epoch", doc.get("epoch")),
                        Configs.toInt("batch", doc.get("batch")), number("learning_rate", doc.get("learning_rate")),
                        Configs.toLong("root_state", rng.get("root_state")),
                        Configs.toLong("node_state", rng.get("node_state")),
                        history(Configs.requireList(doc, "history")), model);
            } catch (IllegalArgumentException e) {
                throw mistyped(zip, e);
            }
        }
    }

    /** A mistyped or missing value of checkpoint.json, as one exception naming the file, the key and the types. */
    private static IllegalArgumentException mistyped(ArchiveReader zip, IllegalArgumentException e) {
        IllegalArgumentException clear = zip.corrupt(STATE + ": " + e.getMessage());
        clear.initCause(e);
        return clear;
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

    private static History history(List<?> records) {
        History h = new History();
        for (int i = 0; i < records.size(); i++) {
            String key = "history[" + i + "]";
            if (!(records.get(i) instanceof Map<?, ?>)) {
                throw Configs.mistyped(key, "an object {\"epoch\": ..., \"logs\": {...}}", records.get(i));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) records.get(i);
            Map<String, Object> logs = Configs.requireMap(r, "logs");
            Map<String, Double> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : logs.entrySet()) {
                out.put(e.getKey(), number(key + ".logs." + e.getKey(), e.getValue()));
            }
            h.record(Configs.toInt(key + ".epoch", r.get("epoch")), out);
        }
        return h;
    }

    /** JSON numbers, or the strings Jackson writes for NaN and infinities. */
    private static double number(String key, Object value) {
        if (value instanceof String s && (s.equals("NaN") || s.endsWith("Infinity"))) {
            return Double.parseDouble(s);
        }
        return Configs.toDouble(key, value);
    }


    /** A whole model as the bytes of its {@code Model.save} file. */
    static final class ModelBytes {
        private ModelBytes() {
        }

        static byte[] of(Model model) {
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

        static Model load(byte[] archive) {
            return fromTemporaryFile(archive, Model::load);
        }

        /** {@code model.loadWeights} of the model file {@code archive}. */
        static void loadWeightsInto(Model model, byte[] archive) {
            fromTemporaryFile(archive, tmp -> {
                model.loadWeights(tmp);
                return null;
            });
        }

        private static <T> T fromTemporaryFile(byte[] archive, java.util.function.Function<Path, T> read) {
            Path tmp = null;
            try {
                tmp = Files.createTempFile("keras4j-checkpoint-model", ".keras4j");
                Files.write(tmp, archive);
                return read.apply(tmp);
            } catch (IllegalArgumentException e) {
                // the temporary file's name means nothing to the caller
                throw new IllegalArgumentException(e.getMessage().replace(tmp.toString(), "the checkpoint's model"), e);
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
