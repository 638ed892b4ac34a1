package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.engine.Node;
import org.keras4j.layers.Layer;
import org.keras4j.layers.Layers;
import org.keras4j.layers.core.Input;
import org.keras4j.saving.GraphConfig;
import org.keras4j.saving.keras.LayerSpec.Arg;
import org.keras4j.utils.Configurable;

/**
 * The {@code config.json} of a Keras 3 {@code .keras} file for a keras4j model, in Keras 3's serialization schema
 * ({@code serialization_lib.serialize_keras_object}): {@code {"module", "class_name", "config", "registered_name",
 * "build_config", "compile_config"}}, every layer with Keras 3.13's complete key set and defaults (from
 * {@link LayerSpecs}, the table the reader uses), so that {@code keras.saving.load_model} rebuilds it. A
 * {@code Sequential} lists its {@code InputLayer} first; any other model is a {@code Functional} with Keras 3's
 * {@code __keras_tensor__} inbound nodes.
 *
 * <pre>{@code
 * Map<String, Object> configJson = KerasConfigWriter.modelConfig(model);
 * Model again = KerasModelConfig.build(configJson, "config.json");
 * }</pre>
 */
public final class KerasConfigWriter {
    private KerasConfigWriter() {
    }

    /**
     * @throws IllegalArgumentException if a layer, activation or other object has no Keras 3 equivalent (naming it)
     */
    public static Map<String, Object> modelConfig(Model model) {
        Map<Layer, List<Shape>> firstInputs = firstInputShapes(model);
        Map<String, Object> out = new LinkedHashMap<>();
        if (model instanceof Sequential sequential) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("name", model.name());
            config.put("trainable", true);
            config.put("dtype", dtypePolicy());
            List<Object> layers = new ArrayList<>();
            layers.add(inputRecord(sequential.input()));
            for (Layer l : model.layers()) {
                layers.add(layerRecord(l, firstInputs.get(l)));
            }
            config.put("layers", layers);
            config.put("build_input_shape", batchShape(model.inputShape()));
            out.put("module", "keras");
            out.put("class_name", "Sequential");
            out.put("config", config);
            out.put("registered_name", null);
            out.put("build_config", Map.of("input_shape", batchShape(model.inputShape())));
        } else {
            Map<String, Object> graph = GraphConfig.write(model.name(), model.inputs(), model.outputs(),
                    l -> l instanceof Input in ? inputRecord(in) : layerRecord(l, firstInputs.get(l)));
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("name", model.name());
            config.put("trainable", true);
            config.put("layers", graph.get("layers"));
            config.put("input_layers", single(graph.get("input_layers")));
            config.put("output_layers", single(graph.get("output_layers")));
            out.put("module", "keras.src.models.functional");
            out.put("class_name", "Functional");
            out.put("config", config);
            out.put("registered_name", "Functional");
        }
        if (model.isCompiled()) {
            out.put("compile_config", TrainingConfigs.compileConfig(model));
        }
        return out;
    }

    /** Keras 3 writes the inputs / outputs of a model built on single tensors flat: {@code ["img", 0, 0]}. */
    private static Object single(Object list) {
        return list instanceof List<?> l && l.size() == 1 ? l.get(0) : list;
    }

    /** Each layer with the input shapes of its first call in the model. */
    private static Map<Layer, List<Shape>> firstInputShapes(Model model) {
        Map<Layer, List<Shape>> out = new IdentityHashMap<>();
        for (Node n : model.nodes()) {
            out.putIfAbsent(n.layer(), n.inbound().stream().map(KerasTensor::shape).toList());
        }
        return out;
    }

    private static Map<String, Object> inputRecord(Input input) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("batch_shape", batchShape(input.shape()));
        config.put("dtype", "float32");
        config.put("sparse", false);
        config.put("ragged", false);
        config.put("name", input.name() == null ? "input_layer" : input.name());
        config.put("optional", false);
        return record("InputLayer", config, null);
    }

    /** A layer as Keras 3 serializes it; {@code inputs} (its first call's input shapes) make its build_config. */
    static Map<String, Object> layerRecord(Layer layer, List<Shape> inputs) {
        LayerSpec spec = LayerSpecs.forKeras4j(layer.className());
        if (spec == null) {
            throw new IllegalArgumentException("layer '" + layer.name() + "' (" + layer.className() + ") has no Keras 3"
                    + " equivalent that keras4j writes");
        }
        Map<String, Object> k4j = layer.getConfig();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", layer.name());
        if (spec.kerasClass().equals("SpatialDropout2D")) {
            config.put("dtype", "float32"); // Keras 3's BaseSpatialDropout.get_config: a plain dtype, no trainable
        } else {
            config.put("trainable", layer.isTrainable());
            config.put("dtype", dtypePolicy());
        }
        for (Arg arg : spec.args()) {
            if (arg.written()) {
                try {
                    config.put(arg.key(), value(arg, k4j));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer '" + layer.name() + "' (" + layer.className() + "), '"
                            + arg.key() + "': " + e.getMessage(), e);
                }
            }
        }
        Map<String, Object> build = null;
        if (spec.buildConfig() && inputs != null && !inputs.isEmpty()) {
            build = Map.of("input_shape", inputs.size() == 1 ? batchShape(inputs.get(0))
                    : inputs.stream().map(KerasConfigWriter::batchShape).toList());
        }
        return record(spec.kerasClass(), config, build);
    }

    private static Object value(Arg arg, Map<String, Object> k4j) {
        Object v = k4j.get(arg.key());
        return switch (arg.kind()) {
            case SAME -> arg.key().equals("layer") || arg.key().equals("backward_layer") ? wrapped(v)
                    : k4j.containsKey(arg.key()) ? plain(v) : arg.kerasDefault();
            case NESTED -> {
                if (!k4j.containsKey(arg.key())) {
                    yield arg.kerasDefault() == null ? null : KerasObjects.write(arg.family(),
                            arg.family().registry.apply((String) arg.kerasDefault(), Map.of()));
                }
                yield KerasObjects.write(arg.family(), configurable(arg, v));
            }
            case FIXED -> arg.family() == null || arg.kerasDefault() == null ? arg.kerasDefault()
                    : KerasObjects.write(arg.family(), arg.family().registry.apply((String) arg.kerasDefault(), Map.of()));
            case FREE -> arg.kerasDefault();
            case DATA_FORMAT -> "channels_last";
            case LAST_AXIS -> -1;
        };
    }

    /** keras4j's nested {@code {class_name, config}} as the object it stands for. */
    private static Configurable configurable(Arg arg, Object nested) {
        if (nested == null) {
            return null;
        }
        if (nested instanceof Configurable c) {
            return c;
        }
        Map<String, Object> m = LayerTranslator.cast((Map<?, ?>) nested);
        Object config = m.get("config");
        return arg.family().registry.apply((String) m.get("class_name"),
                config == null ? Map.of() : LayerTranslator.cast((Map<?, ?>) config));
    }

    /** A wrapped layer (Bidirectional's, TimeDistributed's) in keras4j's nested form, as Keras 3's layer object. */
    private static Object wrapped(Object nested) {
        if (nested == null) {
            return null;
        }
        Map<String, Object> m = LayerTranslator.cast((Map<?, ?>) nested);
        Layer inner = Layers.fromConfig((String) m.get("class_name"), LayerTranslator.cast((Map<?, ?>) m.get("config")));
        return layerRecord(inner, null);
    }

    /** Arrays as lists, as JSON has them. */
    private static Object plain(Object v) {
        if (v instanceof long[] a) {
            List<Object> out = new ArrayList<>();
            for (long x : a) {
                out.add(x);
            }
            return out;
        }
        if (v instanceof int[] a) {
            List<Object> out = new ArrayList<>();
            for (int x : a) {
                out.add(x);
            }
            return out;
        }
        return v;
    }

    private static Map<String, Object> record(String className, Map<String, Object> config, Map<String, Object> build) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "keras.layers");
        out.put("class_name", className);
        out.put("config", config);
        out.put("registered_name", null);
        if (build != null) {
            out.put("build_config", build);
        }
        return out;
    }

    private static Map<String, Object> dtypePolicy() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "keras");
        out.put("class_name", "DTypePolicy");
        out.put("config", Map.of("name", "float32"));
        out.put("registered_name", null);
        return out;
    }

    private static List<Object> batchShape(Shape shape) {
        List<Object> out = new ArrayList<>();
        out.add(null);
        for (long d : shape.dims()) {
            out.add(d);
        }
        return out;
    }
}
