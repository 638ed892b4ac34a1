package org.keras4j.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Model;

/**
 * The per-epoch record of a {@code fit}: {@code loss} (the epoch mean of the batch losses, as
 * Keras reports it), each metric, and their {@code val_} versions. {@code fit} returns it.
 *
 * <pre>{@code
 * History h = model.fit(x, y, FitOptions.defaults().epochs(10).validationSplit(0.2));
 * List<Double> valLoss = h.get("val_loss");
 * double last = h.last("loss");
 * }</pre>
 */
public final class History implements Callback {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    @Override
    public void setModel(Model model) {
        model.setHistory(this);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        record(epoch, logs);
    }

    /** Appends one epoch's logs. */
    public void record(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    /** The epoch numbers recorded (from {@code initialEpoch}, counting from 0). */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Every series by key, e.g. {@code loss}, {@code val_accuracy}. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * One series.
     *
     * @throws IllegalArgumentException if {@code key} was never logged, listing those that were
     */
    public List<Double> get(String key) {
        List<Double> v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("History has no '" + key + "'; it has " + values.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /** The last epoch's value of {@code key}. */
    public double last(String key) {
        List<Double> v = get(key);
        return v.get(v.size() - 1);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Number of epochs recorded. */
    public int size() {
        return epochs.size();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
