package org.keras4j.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Model;
import org.keras4j.backend.NativeMemoryGuard;
import org.keras4j.callbacks.Callback;
import org.keras4j.callbacks.History;
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
        List<CompiledOutput> outputs = compiled.outputs();
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(userCallbacks);
        callbacks.add(ProgressLogger.toStdout(settings.verbose(), settings.epochs(), train.steps()));
        callbacks.add(history);
        for (Callback c : callbacks) {
            c.setModel(model);
        }
        model.setStopTraining(false);
        model.takeRequestedInitialEpoch(); // drop a stale request
        // a model with several outputs reports each output's loss, computed from the captured outputs
        boolean capture = compiled.multiOutput() || outputs.stream().anyMatch(o -> !o.metrics().isEmpty());
        network.setCaptureTrainOutputs(capture);
        Map<String, Double> empty = Map.of();
        callbacks.forEach(c -> c.onTrainBegin(empty));
        int requested = model.takeRequestedInitialEpoch();
        int first = requested >= 0 ? requested : settings.initialEpoch();
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        for (int epoch = first; epoch < settings.epochs(); epoch++) {
            int currentEpoch = epoch;
            network.setEpochCount(epoch);
            callbacks.forEach(c -> c.onEpochBegin(currentEpoch, empty));
            Running running = new Running(outputs);
            int step = 0;
            for (Batch batch : train.epoch(settings.shuffle())) {
                int currentStep = step;
                callbacks.forEach(c -> c.onTrainBatchBegin(currentStep, empty));
                network.setLearningRate(compiled.optimizer().learningRateAt(network.iterationCount()));
                double loss = network.trainBatch(batch.xs(), batch.ys(), batch.sampleWeight());
                MEMORY.afterStep();
                running.add(loss, batch, capture ? network.lastTrainOutputs() : null, compiled.multiOutput(),
                        capture ? network.outputMasks(batch.xs()) : null);
                Map<String, Double> batchLogs = running.logs(0);
                callbacks.forEach(c -> c.onTrainBatchEnd(currentStep, batchLogs));
                step++;
                if (model.isStopTraining()) {
                    break;
                }
            }
            if (running.seen == 0) {
                throw new IllegalArgumentException("the training data yielded no batches in epoch " + (epoch + 1));
            }
            epochLogs = running.logs(0);
            if (validation != null) {
                // as Keras's fit: validation is evaluate with the same callbacks, so the test hooks fire
                for (Map.Entry<String, Double> e : evaluate(validation, callbacks).entrySet()) {
                    epochLogs.put("val_" + e.getKey(), e.getValue());
                }
            }
            if (!Double.isFinite(running.lossSum)) {
                LOG.warn("epoch {}: loss is {}", epoch + 1, running.lossSum / running.seen);
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
        List<CompiledOutput> outputs = compiled.outputs();
        Running running = new Running(outputs);
        Map<String, Double> empty = Map.of();
        callbacks.forEach(c -> c.onTestBegin(empty));
        int step = 0;
        for (Batch batch : source.epoch(false)) {
            int currentStep = step;
            callbacks.forEach(c -> c.onTestBatchBegin(currentStep, empty));
            List<INDArray> predicted = network.predict(batch.xs());
            MEMORY.afterStep();
            running.add(Double.NaN, batch, predicted, true, network.outputMasks(batch.xs()));
            Map<String, Double> batchLogs = running.logs(0);
            callbacks.forEach(c -> c.onTestBatchEnd(currentStep, batchLogs));
            step++;
        }
        if (running.seen == 0) {
            throw new IllegalArgumentException("the evaluation data yielded no batches");
        }
        Map<String, Double> result = running.logs(network.regularizationPenalty());
        callbacks.forEach(c -> c.onTestEnd(result));
        return result;
    }

    /** Outputs for every sample, one array per model output, in inference mode, {@code batchSize} samples at a time. */
    public List<INDArray> predict(List<INDArray> x, int batchSize) {
        long n = x.get(0).size(0);
        if (n <= batchSize) {
            List<INDArray> out = compiled.network().predict(x);
            MEMORY.afterStep();
            return out;
        }
        List<List<INDArray>> parts = new ArrayList<>();
        for (long start = 0; start < n; start += batchSize) {
            long from = start;
            long to = Math.min(start + batchSize, n);
            parts.add(compiled.network().predict(x.stream().map(a -> ArrayBatches.slice(a, from, to)).toList()));
            MEMORY.afterStep();
        }
        List<INDArray> joined = new ArrayList<>();
        for (int o = 0; o < parts.get(0).size(); o++) {
            int output = o;
            joined.add(Nd4j.concat(0, parts.stream().map(p -> p.get(output)).toArray(INDArray[]::new)));
        }
        return joined;
    }

    /** {@link #predict(List, int)} for a model with one input and one output. */
    public INDArray predict(INDArray x, int batchSize) {
        return predict(List.of(x), batchSize).get(0);
    }

    /**
     * The running means of one pass: the total loss, each output's own (unweighted) loss when
     * there are several outputs, and each output's metrics, as Keras 3 names them in the logs
     * ({@code loss}, {@code <output>_loss}, {@code <output>_<metric>}).
     */
    private static final class Running {
        private final List<CompiledOutput> outputs;
        private final double[] outputLossSums;
        private double lossSum;
        private long seen;

        Running(List<CompiledOutput> outputs) {
            this.outputs = outputs;
            this.outputLossSums = new double[outputs.size()];
            outputs.forEach(o -> o.metrics().forEach(Metric::reset));
        }

        /**
         * @param loss the batch's total loss as the network computed it, or NaN to compute it here
         *     from {@code predicted} (evaluation)
         * @param predicted the outputs of the batch, or null when neither metrics nor per-output
         *     losses need them
         * @param perOutputLosses whether to compute each output's loss from {@code predicted}
         * @param masks each output's Keras mask {@code [n, positions]} (null entries for none), or null
         */
        void add(double loss, Batch batch, List<INDArray> predicted, boolean perOutputLosses, List<INDArray> masks) {
            long n = batch.size();
            double total = 0;
            for (int i = 0; predicted != null && i < outputs.size(); i++) {
                CompiledOutput out = outputs.get(i);
                long positions = out.positions();
                INDArray p = positionRows(predicted.get(i), positions);
                INDArray y = positionRows(batch.ys().get(i), positions);
                INDArray w = positionWeights(batch.sampleWeight(), positions);
                int[] kept = masks == null || masks.get(i) == null ? null : keptRows(masks.get(i), p.size(0));
                if (kept != null && kept.length < p.size(0)) {
                    // Keras: masked steps weigh 0 and the rest total / valid, i.e. the mean over the kept steps
                    p = kept.length == 0 ? null : p.getRows(kept);
                    y = kept.length == 0 ? null : y.getRows(kept);
                    w = w == null || kept.length == 0 ? null : w.reshape(w.length(), 1).getRows(kept).reshape(kept.length);
                }
                if (perOutputLosses) {
                    double value = p == null ? 0.0 : out.loss().compute(y, p, w);
                    outputLossSums[i] += value * n;
                    total += out.lossWeight() * value;
                }
                for (Metric m : out.metrics()) {
                    if (p != null) {
                        m.update(y, p);
                    }
                }
            }
            lossSum += (Double.isNaN(loss) ? total : loss) * n;
            seen += n;
        }

        /** @param penalty added to the total loss (evaluation adds the weight penalties) */
        Map<String, Double> logs(double penalty) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / seen + penalty);
            boolean multi = outputs.size() > 1;
            for (int i = 0; multi && i < outputs.size(); i++) {
                logs.put(outputs.get(i).name() + "_loss", outputLossSums[i] / seen);
            }
            for (CompiledOutput out : outputs) {
                for (Metric m : out.metrics()) {
                    logs.put(multi ? out.name() + "_" + m.name() : m.name(), m.result());
                }
            }
            return logs;
        }
    }

    /** {@code [n * positions, rest]}: one row per position; {@code [n, rest]} for a single position. */
    static INDArray positionRows(INDArray a, long positions) {
        long rows = a.size(0) * positions;
        if (a.rank() == 2 && a.size(0) == rows) {
            return a;
        }
        return a.dup('c').reshape('c', rows, a.length() / rows);
    }

    /** The rows of a mask {@code [n, positions]} (c order, as {@link #positionRows}) that are not masked. */
    static int[] keptRows(INDArray mask, long rows) {
        if (mask.length() != rows) {
            throw new IllegalStateException("internal: mask of shape " + java.util.Arrays.toString(mask.shape())
                    + " for " + rows + " output positions");
        }
        float[] m = Nd4j.toFlattened('c', mask).toFloatVector();
        int count = 0;
        int[] kept = new int[m.length];
        for (int r = 0; r < m.length; r++) {
            if (m[r] != 0) {
                kept[count++] = r;
            }
        }
        return java.util.Arrays.copyOf(kept, count);
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
