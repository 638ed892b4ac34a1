package org.keras4j.models.zoo;

import java.util.IdentityHashMap;
import java.util.Map;
import org.keras4j.Model;
import org.keras4j.Shape;
import org.keras4j.engine.Node;
import org.keras4j.layers.Layer;

/** Trainable and non-trainable parameter counts of a model, as Keras's summary totals them. */
final class ParamCounts {
    private ParamCounts() {
    }

    /** {@code [trainable, nonTrainable]}, each layer counted at its first call. */
    static long[] of(Model model) {
        Map<Layer, Shape> first = new IdentityHashMap<>();
        for (Node n : model.nodes()) {
            first.putIfAbsent(n.layer(), n.inbound().get(0).shape());
        }
        long trainable = 0;
        long all = 0;
        for (Map.Entry<Layer, Shape> e : first.entrySet()) {
            Layer l = e.getKey();
            trainable += l.isTrainable() ? l.countTrainableParams(e.getValue()) : 0;
            all += l.countParams(e.getValue());
        }
        return new long[] {trainable, all - trainable};
    }
}
