package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.Model;
import org.keras4j.layers.Layer;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.TimeDistributed;

/**
 * Where Keras 3's {@code saving_lib} keeps each layer's variables in a {@code .keras} file's {@code model.weights.h5}:
 * the model's own (none) in {@code vars}, each layer under {@code layers/<class in snake case>[_<n>]} numbered in
 * {@link KerasLayerOrder} (not by the layer's name), and a layer's own objects below it by attribute name: a
 * recurrent layer's variables in {@code <layer>/cell/vars}, a {@code Bidirectional}'s in
 * {@code <layer>/forward_layer/cell/vars} and {@code <layer>/backward_layer/cell/vars}, a {@code TimeDistributed}'s in
 * {@code <layer>/layer/vars}. Every object has a {@code vars} group carrying its name, empty when it holds nothing.
 *
 * <pre>{@code
 * for (KerasVariablePaths.Group g : KerasVariablePaths.groups(model)) {
 *     System.out.println(g.path() + " " + g.name() + " " + g.variables());
 * }
 * }</pre>
 */
public final class KerasVariablePaths {
    private KerasVariablePaths() {
    }

    /**
     * One {@code vars} group.
     *
     * @param path      the group, e.g. {@code layers/lstm/cell/vars}
     * @param name      its {@code name} attribute (the object's Keras name)
     * @param layer     the keras4j layer whose weights it holds part of, null for the model's own group
     * @param variables how many of the layer's Keras-layout weights it holds, in order
     */
    public record Group(String path, String name, Layer layer, int variables) {
    }

    /**
     * Every {@code vars} group of {@code model} in Keras's order, with how many of each layer's weights it holds
     * ({@code weightCounts}: the number of Keras-layout arrays of each layer, e.g. 2 for a Dense with bias).
     */
    public static List<Group> groups(Model model, Map<Layer, Integer> weightCounts) {
        List<Group> groups = new ArrayList<>();
        groups.add(new Group("vars", model.name(), null, 0));
        Map<String, Integer> used = new HashMap<>();
        for (Layer layer : KerasLayerOrder.of(model)) {
            String prefix = "layers/" + unique(layer.defaultNamePrefix(), used);
            add(groups, prefix, layer, layer, weightCounts.getOrDefault(layer, 0));
        }
        return groups;
    }

    /** The groups holding each layer's weights, in order: the layers with weights only. */
    public static Map<Layer, List<Group>> byLayer(List<Group> groups) {
        Map<Layer, List<Group>> out = new LinkedHashMap<>();
        for (Group g : groups) {
            if (g.layer() != null && g.variables() > 0) {
                out.computeIfAbsent(g.layer(), l -> new ArrayList<>()).add(g);
            }
        }
        return out;
    }

    private static void add(List<Group> groups, String prefix, Layer object, Layer owner, int variables) {
        boolean container = object instanceof BaseRNN<?> || object instanceof Bidirectional
                || object instanceof TimeDistributed;
        groups.add(new Group(prefix + "/vars", object.name(), owner, container ? 0 : variables));
        if (object instanceof BaseRNN<?> rnn) {
            groups.add(new Group(prefix + "/cell/vars", cellName(rnn), owner, variables));
        } else if (object instanceof Bidirectional bi) {
            // keras4j's weights list the forward layer's first; the paths do not depend on the order
            add(groups, prefix + "/forward_layer", bi.forwardLayer(), owner, variables / 2);
            add(groups, prefix + "/backward_layer", bi.backwardLayer(), owner, variables - variables / 2);
        } else if (object instanceof TimeDistributed td) {
            add(groups, prefix + "/layer", td.layer(), owner, variables);
        }
    }

    private static String cellName(BaseRNN<?> rnn) {
        return rnn.defaultNamePrefix() + "_cell"; // Keras 3 names its cells lstm_cell, gru_cell, simple_rnn_cell
    }

    /** Keras's {@code _get_unique_name}: the first {@code conv2d}, then {@code conv2d_1}, ... */
    private static String unique(String name, Map<String, Integer> used) {
        Integer n = used.get(name);
        if (n == null) {
            used.put(name, 0);
            return name;
        }
        used.put(name, n + 1);
        return name + "_" + (n + 1);
    }
}
