package org.keras4j.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.callbacks.History;

/**
 * Small operations on {@link History} objects: copies and per-epoch logs.
 *
 * <pre>{@code
 * History snapshot = Histories.copy(history);
 * Map<String, Double> third = Histories.logsAt(history, 2);   // {loss=..., val_loss=...}
 * }</pre>
 */
public final class Histories {
    private Histories() {
    }

    /** An independent copy (null copies to an empty History). */
    public static History copy(History source) {
        History copy = new History();
        if (source != null) {
            for (int i = 0; i < source.size(); i++) {
                copy.record(source.epochs().get(i), logsAt(source, i));
            }
        }
        return copy;
    }

    /**
     * The logs of the {@code index}-th recorded epoch. History keeps one series per key, so a key
     * first logged in a later epoch is aligned from the first epoch; fit logs every key every epoch.
     *
     * @throws IllegalArgumentException if {@code index} is out of range
     */
    public static Map<String, Double> logsAt(History history, int index) {
        if (index < 0 || index >= history.size()) {
            throw new IllegalArgumentException("index must be in [0, " + history.size() + "), got " + index);
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : history.history().entrySet()) {
            if (index < e.getValue().size()) {
                logs.put(e.getKey(), e.getValue().get(index));
            }
        }
        return logs;
    }
}
