package org.keras4j.saving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.keras4j.KerasTensor;
import org.keras4j.engine.Node;
import org.keras4j.layers.Layer;
import org.keras4j.layers.Layers;
import org.keras4j.layers.core.Input;
import org.keras4j.utils.Configs;

/**
 * A graph of layer calls in the shape of Keras 3's functional config ({@code Functional.get_config} /
 * {@code functional_from_config}): {@code {name, layers: [{class_name, config, name, inbound_nodes}], input_layers,
 * output_layers}}. Each inbound node is one call, {@code {"args": [tensor or [tensors]], "kwargs": {}}}, a tensor
 * being {@code {"class_name": "__keras_tensor__", "config": {"shape", "dtype", "keras_history": [layer, node,
 * 0]}}}; a layer called twice (shared) has two. Its layers' configs are keras4j's ({@code Layer.getConfig}), the
 * tensor shapes are informative only: reading recomputes them by calling the layers again, in the saved order.
 *
 * <pre>{@code
 * Map<String, Object> config = GraphConfig.write("model", List.of(a, b), List.of(out));
 * GraphConfig.Graph graph = GraphConfig.read(zip, config, "model.config");
 * Functional again = new Functional(graph.name(), graph.inputs(), graph.outputs());
 * }</pre>
 */
public final class GraphConfig {
    private static final String TENSOR = "__keras_tensor__";

    private GraphConfig() {
    }

    /** A graph read back: its name, input and output tensors, in order. */
    public record Graph(String name, List<KerasTensor> inputs, List<KerasTensor> outputs) {
    }

    /**
     * Makes the exception for a config that is not what it should be; {@code placeAndWhy} names the place in the config
     * and the problem ({@code "model.config.layers[2] ('dense'): 'units' must be an integer, found ..."}).
     */
    @FunctionalInterface
    public interface Errors {
        IllegalArgumentException corrupt(String placeAndWhy);
    }

    /** The config of the graph from {@code inputs} to {@code outputs}, layers in the order they are called. */
    static Map<String, Object> write(String name, List<KerasTensor> inputs, List<KerasTensor> outputs) {
        return write(name, inputs, outputs, Configs::serialize);
    }

    /**
     * {@link #write(String, List, List)} with each layer's record made by {@code serializer} (keras4j's own
     * {@code {class_name, config}}, or Keras's {@code {module, class_name, config, registered_name, build_config}});
     * the graph's {@code name} and {@code inbound_nodes} are added to it.
     */
    public static Map<String, Object> write(String name, List<KerasTensor> inputs, List<KerasTensor> outputs,
            Function<Layer, Map<String, Object>> serializer) {
        List<Node> order = callOrder(inputs, outputs);
        Set<Node> own = new LinkedHashSet<>(order);
        // layers in the order of their first call, as Keras's operations; Inputs first, in the model's order
        Map<Layer, List<Node>> calls = new LinkedHashMap<>();
        for (KerasTensor in : inputs) {
            calls.put(in.layer(), new ArrayList<>(List.of(in.node())));
        }
        for (Node node : order) {
            calls.computeIfAbsent(node.layer(), l -> new ArrayList<>());
        }
        for (Layer layer : calls.keySet()) {
            if (!(layer instanceof Input)) { // a layer's own nodes, without its calls in other models
                calls.get(layer).addAll(layer.nodes().stream().filter(own::contains).toList());
            }
        }
        List<Object> layers = new ArrayList<>();
        for (Map.Entry<Layer, List<Node>> e : calls.entrySet()) {
            Map<String, Object> record = new LinkedHashMap<>(serializer.apply(e.getKey()));
            record.put("name", e.getKey().name());
            List<Object> inbound = new ArrayList<>();
            for (Node node : e.getValue()) {
                if (node.inbound().isEmpty()) {
                    continue; // an Input's own node, as Keras: nothing to call
                }
                List<Object> tensors = new ArrayList<>();
                node.inbound().forEach(t -> tensors.add(tensor(t, calls)));
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("args", List.of(tensors.size() == 1 ? tensors.get(0) : tensors));
                call.put("kwargs", Map.of());
                inbound.add(call);
            }
            record.put("inbound_nodes", inbound);
            layers.add(record);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("layers", layers);
        config.put("input_layers", inputs.stream().map(t -> history(t, calls)).toList());
        config.put("output_layers", outputs.stream().map(t -> history(t, calls)).toList());
        return config;
    }

    /**
     * Rebuilds the layers of {@code config} and calls them as saved: the calls whose inputs exist are made in
     * order, pass after pass, as Keras's {@code functional_from_config} (a shared layer may be called at different
     * depths).
     *
     * @param where where {@code config} is in {@code keras4j.json}, for messages
     * @throws IllegalArgumentException (the file is corrupt) naming the place, the key, the expected and the found
     *                                  value: a mistyped record, an unknown or duplicate layer, a call to a node that
     *                                  no call creates, inputs that do not fit a layer
     */
    static Graph read(ArchiveReader zip, Map<String, Object> config, String where) {
        return read(config, where, why -> zip.corrupt(ModelArchive.CONFIG + ", " + why));
    }

    /**
     * {@link #read(ArchiveReader, Map, String)} for a config from anywhere: {@code errors} makes the exception for each
     * problem, given the place in the config and what is wrong.
     */
    public static Graph read(Map<String, Object> config, String where, Errors errors) {
        List<?> records = in(errors, where, () -> Configs.requireList(config, "layers"));
        Map<String, Layer> byName = new LinkedHashMap<>();
        Map<Layer, Deque<Object>> pending = new IdentityHashMap<>();
        Map<Layer, String> places = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Object o = records.get(i);
            String place = where + ".layers[" + i + "]" + (o instanceof Map<?, ?> m && m.get("name") instanceof String s
                    ? " ('" + s + "')" : "");
            @SuppressWarnings("unchecked")
            Map<String, Object> record = in(errors, place, () -> {
                if (!(o instanceof Map<?, ?>)) {
                    throw Configs.mistyped("class_name", "an object {\"class_name\": ..., \"config\": {...}, \"name\": ...,"
                            + " \"inbound_nodes\": [...]}", o);
                }
                return (Map<String, Object>) o;
            });
            Layer layer = in(errors, place, () -> {
                if (!(record.get("name") instanceof String name) || name.isEmpty()) {
                    throw Configs.mistyped("name", "a layer name", record.get("name"));
                }
                Layer l = Configs.deserialize(record, Layers::fromConfig);
                l.assignDefaultName(name);
                if (!name.equals(l.name())) {
                    throw Configs.mistyped("name", "the name in its config, \"" + l.name() + "\"", name);
                }
                return l;
            });
            if (byName.put(layer.name(), layer) != null) {
                throw errors.corrupt(place + ": a second layer named '" + layer.name()
                        + "': layer names must be unique");
            }
            List<?> inbound = in(errors, place, () -> Configs.requireList(record, "inbound_nodes"));
            if (layer instanceof Input && !inbound.isEmpty()) {
                throw errors.corrupt(place + ": an InputLayer is not called on tensors, found "
                        + inbound.size() + " inbound node(s)");
            }
            pending.put(layer, new ArrayDeque<>(inbound));
            places.put(layer, place);
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Layer layer : byName.values()) {
                Deque<Object> calls = pending.get(layer);
                while (!calls.isEmpty()) {
                    String place = places.get(layer) + ".inbound_nodes[" + (layer.nodes().size()) + "]";
                    List<KerasTensor> args = in(errors, place, () -> arguments(calls.peek(), byName));
                    if (args == null) {
                        break; // an input is the output of a call not made yet
                    }
                    in(errors, place, () -> layer.applyAll(args));
                    calls.poll();
                    progress = true;
                }
            }
        }
        for (Layer layer : byName.values()) {
            if (!pending.get(layer).isEmpty()) {
                throw errors.corrupt(places.get(layer) + ".inbound_nodes[" + layer.nodes().size()
                        + "]: it is called on the output of a call that no layer makes (a cycle or a node index beyond"
                        + " the calls of its layer)");
            }
        }
        String name = in(errors, where, () -> Configs.getString(config, "name", "functional"));
        List<KerasTensor> inputs = tensors(errors, config, "input_layers", where, byName);
        for (int i = 0; i < inputs.size(); i++) {
            if (!(inputs.get(i).layer() instanceof Input)) {
                throw errors.corrupt(where + ".input_layers[" + i + "]: must name an"
                        + " InputLayer, found layer '" + inputs.get(i).layer().name() + "' (" + inputs.get(i).layer().className() + ")");
            }
        }
        return new Graph(name, inputs, tensors(errors, config, "output_layers", where, byName));
    }

    /** The nodes that lead from {@code inputs} to {@code outputs}, each after the nodes it is called on. */
    private static List<Node> callOrder(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        Set<Node> done = new LinkedHashSet<>();
        for (KerasTensor in : inputs) {
            done.add(in.node());
        }
        for (KerasTensor out : outputs) {
            visit(out.node(), done);
        }
        return new ArrayList<>(done);
    }

    private static void visit(Node node, Set<Node> done) {
        // iterative depth-first post-order: a deep graph must not overflow the stack
        Deque<Node> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        if (done.contains(node)) {
            return;
        }
        stack.push(node);
        next.push(0);
        while (!stack.isEmpty()) {
            Node top = stack.peek();
            int i = next.pop();
            if (i < top.inbound().size()) {
                next.push(i + 1);
                Node child = top.inbound().get(i).node();
                if (!done.contains(child) && !stack.contains(child)) {
                    stack.push(child);
                    next.push(0);
                }
            } else {
                stack.pop();
                done.add(top);
            }
        }
    }

    /** {@code [layer name, node index, tensor index]} of {@code t} among its layer's calls in this graph. */
    private static List<Object> history(KerasTensor t, Map<Layer, List<Node>> calls) {
        return List.of(t.layer().name(), calls.get(t.layer()).indexOf(t.node()), t.index());
    }

    private static Map<String, Object> tensor(KerasTensor t, Map<Layer, List<Node>> calls) {
        List<Object> shape = new ArrayList<>();
        shape.add(null); // the batch dimension, as Keras
        for (long d : t.shape().dims()) {
            shape.add(d);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("shape", shape);
        config.put("dtype", "float32");
        config.put("keras_history", history(t, calls));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", TENSOR);
        out.put("config", config);
        return out;
    }

    /** The tensors of one saved call, or null if one of them is the output of a call not made yet. */
    private static List<KerasTensor> arguments(Object call, Map<String, Layer> byName) {
        if (!(call instanceof Map<?, ?>)) {
            throw Configs.mistyped("args", "an object {\"args\": [...], \"kwargs\": {}}", call);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) call;
        Map<String, Object> kwargs = Configs.getMap(c, "kwargs");
        if (kwargs != null && !kwargs.isEmpty()) {
            throw Configs.mistyped("kwargs", "empty (keras4j's layers take no call arguments)", kwargs.keySet().toString());
        }
        List<?> args = Configs.requireList(c, "args");
        if (args.size() != 1) {
            throw Configs.mistyped("args", "one argument, a tensor or a list of tensors", args.size() + " arguments");
        }
        List<?> tensors = args.get(0) instanceof List<?> list ? list : List.of(args.get(0));
        List<KerasTensor> out = new ArrayList<>();
        for (Object t : tensors) {
            if (!(t instanceof Map<?, ?> m) || !TENSOR.equals(m.get("class_name")) || !(m.get("config") instanceof Map<?, ?>)) {
                throw Configs.mistyped("args", "tensors {\"class_name\": \"" + TENSOR + "\", \"config\": {...}}", t);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) m.get("config");
            KerasTensor tensor = resolve(Configs.requireList(config, "keras_history"), byName, "keras_history");
            if (tensor == null) {
                return null;
            }
            out.add(tensor);
        }
        return out;
    }

    /** Output {@code tensor} of call {@code [layer, node, tensor]}, or null if that call is not made yet. */
    private static KerasTensor resolve(List<?> history, Map<String, Layer> byName, String key) {
        if (history.size() != 3 || !(history.get(0) instanceof String name)) {
            throw Configs.mistyped(key, "[layer name, node index, tensor index]", history);
        }
        Layer layer = byName.get(name);
        if (layer == null) {
            throw Configs.mistyped(key, "the name of a layer in 'layers' " + byName.keySet(), name);
        }
        int node = Configs.toInt(key + "[1]", history.get(1));
        int tensor = Configs.toInt(key + "[2]", history.get(2));
        if (node < 0) {
            throw Configs.mistyped(key + "[1]", "a node index >= 0", history.get(1));
        }
        if (layer instanceof Input in) {
            if (node != 0) {
                throw Configs.mistyped(key + "[1]", "0 (an InputLayer has one node)", history.get(1));
            }
            if (tensor != 0) {
                throw Configs.mistyped(key + "[2]", "0 (an InputLayer has one output)", history.get(2));
            }
            return in.output();
        }
        if (node >= layer.nodes().size()) {
            return null;
        }
        List<KerasTensor> outputs = layer.nodes().get(node).outputs();
        if (tensor < 0 || tensor >= outputs.size()) {
            throw Configs.mistyped(key + "[2]", "a tensor index in [0, " + outputs.size() + ") (the call of '" + layer.name()
                    + "' produces " + outputs.size() + ")", history.get(2));
        }
        return outputs.get(tensor);
    }

    private static List<KerasTensor> tensors(Errors errors, Map<String, Object> config, String key, String where,
            Map<String, Layer> byName) {
        List<?> list = in(errors, where, () -> Configs.requireList(config, key));
        List<KerasTensor> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object h = list.get(i);
            String item = key + "[" + i + "]";
            KerasTensor t = in(errors, where, () -> {
                if (!(h instanceof List<?> history)) {
                    throw Configs.mistyped(item, "[layer name, node index, tensor index]", h);
                }
                KerasTensor resolved = resolve(history, byName, item);
                if (resolved == null) {
                    throw Configs.mistyped(item, "a call that the layers make", h);
                }
                return resolved;
            });
            out.add(t);
        }
        if (out.isEmpty()) {
            throw errors.corrupt(where + ": '" + key + "' must name at least one tensor, found none");
        }
        return out;
    }

    /** Runs a read of the config, turning its failures into one exception naming the place ({@code where}). */
    private static <T> T in(Errors errors, String where, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            // ClassCastException, NullPointerException: a layer's config reader that does not check its types yet
            String what = e instanceof IllegalArgumentException ? e.getMessage() : "a missing or mistyped value ("
                    + e.getMessage() + ")";
            IllegalArgumentException wrapped = errors.corrupt((where.isEmpty() ? "" : where + ": ") + what);
            wrapped.initCause(e);
            throw wrapped;
        }
    }
}
