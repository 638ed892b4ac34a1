package org.keras4j.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Model;
import org.keras4j.backend.NativeMemoryGuard;
import org.keras4j.callbacks.Callback;
import org.keras4j.callbacks.History;
import org.keras4j.losses.Loss;
import org.keras4j.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras's training loop over batch sources: epochs, callbacks, running loss and metrics, the
 * end-of-epoch validation, and {@code stop_training}. The loss each epoch reports is the
 * sample-weighted mean of the batch losses, as Keras's {@code History} has it.
 *
 * <pre>{@code
 * History h = new Trainer(model, compiled).fit(trainBatches, validationBatches, options);
 * }</pre>
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final NativeMemoryGuard MEMORY = NativeMemoryGuard.shared();

    private final Model model;
    private final Compiled compiled;

    public Trainer(Model model, Compiled compiled) {
        this.model = model;
        this.compiled = compiled;
    }

    /**
     * Trains epochs {@code initialEpoch .. epochs-1}.
     *
     * @param validation batches evaluated at each epoch end, or null
     */
    public History fit(BatchSource train, BatchSource validation, FitSettings settings, List<Callback> userCallbacks) {
        CompiledNetwork network = compiled.network();
        List<Metric> metrics = compiled.metrics();
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(userCallbacks);
        callbacks.add(ProgressLogger.toStdout(settings.verbose(), settings.epochs(), train.steps()));
        callbacks.add(history);
        for (Callback c : callbacks) {
            c.setModel(model);
        }
        model.setStopTraining(false);
        model.takeRequestedInitialEpoch(); // drop a stale request
        network.setCaptureTrainOutputs(!metrics.isEmpty());
        Map<String, Double> empty = Map.of();
        callbacks.forEach(c -> c.onTrainBegin(empty));
        int requested = model.takeRequestedInitialEpoch();
        int first = requested >= 0 ? requested : settings.initialEpoch();
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        for (int epoch = first; epoch < settings.epochs(); epoch++) {
            int currentEpoch = epoch;
            network.setEpochCount(epoch);
            callbacks.forEach(c -> c.onEpochBegin(currentEpoch, empty));
            metrics.forEach(Metric::reset);
            double lossSum = 0;
            long seen = 0;
            int step = 0;
            for (Batch batch : train.epoch(settings.shuffle())) {
                int currentStep = step;
                callbacks.forEach(c -> c.onTrainBatchBegin(currentStep, empty));
                network.setLearningRate(compiled.optimizer().learningRateAt(network.iterationCount()));
                double loss = network.trainBatch(batch.x(), batch.y(), batch.sampleWeight());
                MEMORY.afterStep();
                long n = batch.size();
                lossSum += loss * n;
                seen += n;
                if (!metrics.isEmpty()) {
                    long positions = positions();
                    INDArray outputs = positionRows(network.lastTrainOutputs(), positions);
                    INDArray y = positionRows(batch.y(), positions);
                    for (Metric m : metrics) {
                        m.update(y, outputs);
                    }
                }
                Map<String, Double> batchLogs = logs(lossSum / seen, metrics);
                callbacks.forEach(c -> c.onTrainBatchEnd(currentStep, batchLogs));
                step++;
                if (model.isStopTraining()) {
                    break;
                }
            }
            if (seen == 0) {
                throw new IllegalArgumentException("the training data yielded no batches in epoch " + (epoch + 1));
            }
            epochLogs = logs(lossSum / seen, metrics);
            if (validation != null) {
                // as Keras's fit: validation is evaluate with the same callbacks, so the test hooks fire
                for (Map.Entry<String, Double> e : evaluate(validation, callbacks).entrySet()) {
                    epochLogs.put("val_" + e.getKey(), e.getValue());
                }
            }
            if (!Double.isFinite(lossSum)) {
                LOG.warn("epoch {}: loss is {}", epoch + 1, lossSum / seen);
            }
            Map<String, Double> finalLogs = epochLogs;
            callbacks.forEach(c -> c.onEpochEnd(currentEpoch, finalLogs));
            if (model.isStopTraining()) {
                break;
            }
        }
        Map<String, Double> lastLogs = epochLogs;
        callbacks.forEach(c -> c.onTrainEnd(lastLogs));
        return history;
    }

    /**
     * Loss and metrics over all batches of {@code source}, in inference mode, as Keras's
     * {@code evaluate}: the callbacks' test hooks fire around it and each batch. The loss
     * includes the weight penalties.
     */
    public Map<String, Double> evaluate(BatchSource source, List<Callback> callbacks) {
        CompiledNetwork network = compiled.network();
        Loss loss = compiled.loss();
        List<Metric> metrics = compiled.metrics();
        metrics.forEach(Metric::reset);
        Map<String, Double> empty = Map.of();
        callbacks.forEach(c -> c.onTestBegin(empty));
        double lossSum = 0;
        long seen = 0;
        int step = 0;
        for (Batch batch : source.epoch(false)) {
            int currentStep = step;
            callbacks.forEach(c -> c.onTestBatchBegin(currentStep, empty));
            long positions = positions();
            INDArray outputs = positionRows(network.predict(batch.x()), positions);
            MEMORY.afterStep();
            INDArray y = positionRows(batch.y(), positions);
            long n = batch.size();
            lossSum += loss.compute(y, outputs, positionWeights(batch.sampleWeight(), positions)) * n;
            seen += n;
            for (Metric m : metrics) {
                m.update(y, outputs);
            }
            Map<String, Double> batchLogs = logs(lossSum / seen, metrics);
            callbacks.forEach(c -> c.onTestBatchEnd(currentStep, batchLogs));
            step++;
        }
        if (seen == 0) {
            throw new IllegalArgumentException("the evaluation data yielded no batches");
        }
        Map<String, Double> result = logs(lossSum / seen + network.regularizationPenalty(), metrics);
        callbacks.forEach(c -> c.onTestEnd(result));
        return result;
    }

    /** Outputs for every sample, in inference mode, {@code batchSize} samples at a time. */
    public INDArray predict(INDArray x, int batchSize) {
        long n = x.size(0);
        if (n <= batchSize) {
            INDArray out = compiled.network().predict(x);
            MEMORY.afterStep();
            return out;
        }
        List<INDArray> parts = new ArrayList<>();
        for (long start = 0; start < n; start += batchSize) {
            parts.add(compiled.network().predict(ArrayBatches.slice(x, start, Math.min(start + batchSize, n))));
            MEMORY.afterStep();
        }
        return Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }

    /**
     * Positions per sample of the model's output: the product of all axes but the last. Keras's
     * losses and metrics reduce the last axis at each position and average over the positions and
     * the batch, which is what they compute here with the positions folded into the batch.
     */
    private long positions() {
        return model.outputShape().size() / model.outputShape().last();
    }

    /** {@code [n * positions, rest]}: one row per position; {@code [n, rest]} for a single position. */
    static INDArray positionRows(INDArray a, long positions) {
        long rows = a.size(0) * positions;
        if (a.rank() == 2 && a.size(0) == rows) {
            return a;
        }
        return a.dup('c').reshape('c', rows, a.length() / rows);
    }

    /** Each sample's weight repeated for its positions, as Keras broadcasts {@code sample_weight}; null stays null. */
    static INDArray positionWeights(INDArray sampleWeight, long positions) {
        if (sampleWeight == null || positions == 1) {
            return sampleWeight;
        }
        long n = sampleWeight.length();
        return Nd4j.ones(sampleWeight.dataType(), n, positions)
                .muliColumnVector(sampleWeight.reshape(n, 1)).reshape('c', n * positions);
    }

    private static Map<String, Double> logs(double loss, List<Metric> metrics) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        for (Metric m : metrics) {
            logs.put(m.name(), m.result());
        }
        return logs;
    }

    /**
     * The loop's settings, taken from {@code FitOptions}.
     *
     * <pre>{@code
     * new Trainer.FitSettings(10, 0, true, 1);
     * }</pre>
     */
    public record FitSettings(int epochs, int initialEpoch, boolean shuffle, int verbose) {
    }
}
