package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.keras4j.Model;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.keras4j.saving.ModelArchive;
import org.keras4j.saving.hdf5.Hdf5Reader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Keras's legacy HDF5 files, as Keras 1.x, 2.x, tf.keras and Keras 3 write them with {@code model.save("x.h5")} (the
 * config in the root attribute {@code model_config}, the training settings in {@code training_config}, the weights in
 * {@code model_weights}) or {@code model.save_weights("x.h5")} (the weights at the root). Each layer's group lists its
 * datasets in the attribute {@code weight_names}, in the layer's weight order: {@code dense/kernel:0} (Keras 2),
 * {@code sequential/dense/kernel} (Keras 3), or Keras 1's per-gate tensors {@code lstm_1_W_i:0}, which are joined here
 * into Keras 2's kernels (gates {@code i, f, c, o}). The optimizer's state is not restored: a loaded model's optimizer
 * starts fresh (Keras 1/2 stored it as unnamed variables in an order tied to the Python optimizer).
 *
 * <pre>{@code
 * try (Hdf5Reader h5 = Hdf5Reader.open(Path.of("mlp.h5"))) {
 *     Model model = LegacyH5.load(h5, Files.size(path));
 * }
 * }</pre>
 */
final class LegacyH5 {
    static final String MODEL_WEIGHTS = "model_weights";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyH5() {
    }

    /** True if the file holds a whole model (a {@code model_config} attribute), not only weights. */
    static boolean isFullModel(Hdf5Reader h5) {
        return h5.stringAttribute("/", "model_config").isPresent();
    }

    /**
     * The model of a full-model file, compiled as its {@code training_config} says or, without one, only built
     * ({@link Model#build()}), with its weights.
     */
    static Model load(Hdf5Reader h5, long fileBytes) {
        String config = h5.stringAttribute("/", "model_config").orElseThrow(() -> h5.corrupt("/",
                "it holds weights only (no 'model_config' attribute): build the model (Model.fromJson(config) or in"
                        + " code) and call loadWeights"));
        Map<String, Object> modelConfig = new LinkedHashMap<>(parse(h5, config, "model_config"));
        // the config alone does not say which Keras wrote it; hard_sigmoid, for one, changed meaning in Keras 3
        h5.stringAttribute("/", "keras_version").ifPresent(v -> modelConfig.putIfAbsent("keras_version", v));
        Model model = KerasModelConfig.build(modelConfig, h5.name());
        String root = h5.isGroup(MODEL_WEIGHTS) ? MODEL_WEIGHTS : "/";
        StoredWeights stored = stored(h5, fileBytes, root, model, true);
        stored.checkBeforeBuilding(model);
        String training = h5.stringAttribute("/", "training_config").orElse(null);
        if (training != null) {
            TrainingConfigs.compile(model, parse(h5, training, "training_config"), h5.name());
        } else {
            model.build();
        }
        stored.place();
        return model;
    }

    /**
     * Loads the weights of a legacy file (full model or weights only) into {@code model} (built or compiled): layers
     * matched by name when every layer of the model with weights has a group of its name, else by order, as Keras's
     * {@code load_weights} does.
     */
    static void loadWeights(Model model, Hdf5Reader h5, long fileBytes) {
        String root = h5.isGroup(MODEL_WEIGHTS) ? MODEL_WEIGHTS : "/";
        StoredWeights stored = stored(h5, fileBytes, root, model, false);
        stored.checkBeforeBuilding(model);
        stored.place();
    }

    /** The file's weights for {@code model}'s layers. */
    private static StoredWeights stored(Hdf5Reader h5, long fileBytes, String root, Model model, boolean byNameOnly) {
        if (!h5.attributeNames(root).contains("layer_names")) {
            throw h5.corrupt(root, "no 'layer_names' attribute: not a Keras weights file");
        }
        List<String> names = h5.stringsAttribute(root, "layer_names");
        Map<String, List<String>> weighted = new LinkedHashMap<>();
        for (String name : names) {
            String group = join(root, name);
            if (!h5.isGroup(group)) {
                throw h5.corrupt(group, "'layer_names' lists layer '" + name + "' but there is no group for it");
            }
            List<String> weights = h5.attributeNames(group).contains("weight_names")
                    ? h5.stringsAttribute(group, "weight_names") : List.of();
            if (!weights.isEmpty()) {
                weighted.put(name, weights);
            }
        }
        Map<Layer, Long> counts = ModelArchive.paramCounts(model);
        List<Layer> withWeights = new ArrayList<>();
        counts.forEach((l, n) -> {
            if (n > 0) {
                withWeights.add(l);
            }
        });
        boolean byName = withWeights.stream().allMatch(l -> weighted.containsKey(l.name()))
                && withWeights.size() == weighted.size();
        if (!byName && (byNameOnly || withWeights.size() != weighted.size())) {
            throw h5.corrupt(root, "holds weights for " + weighted.size() + " layers " + weighted.keySet() + " but model '"
                    + model.name() + "' has " + withWeights.size() + " layers with weights "
                    + withWeights.stream().map(Layer::name).toList());
        }
        StoredWeights stored = new StoredWeights(h5, fileBytes);
        List<String> fileOrder = new ArrayList<>(weighted.keySet());
        for (int i = 0; i < withWeights.size(); i++) {
            Layer layer = withWeights.get(i);
            String name = byName ? layer.name() : fileOrder.get(i);
            String group = join(root, name);
            List<String> weightNames = weighted.get(name);
            List<String> paths = weightNames.stream().map(w -> join(group, w)).toList();
            if (isKeras1(name, weightNames)) {
                Keras1 k1 = Keras1.of(h5, group, name, layer, weightNames);
                stored.add(layer, k1.paths(), k1.toKeras());
            } else {
                stored.add(layer, paths, List::copyOf);
            }
        }
        return stored;
    }

    /** Keras 1 named weights {@code <layer>_W:0}, without the {@code <layer>/} scope Keras 2 added. */
    private static boolean isKeras1(String layer, List<String> weightNames) {
        return weightNames.stream().noneMatch(w -> w.contains("/")) && weightNames.stream().allMatch(w -> w.startsWith(layer + "_"));
    }

    /** A Keras 1 layer's tensors, by their short names ({@code W}, {@code U_i}, {@code running_std}), in Keras 2's order. */
    private record Keras1(List<String> paths, UnaryOperator<List<INDArray>> toKeras) {
        static Keras1 of(Hdf5Reader h5, String group, String layerName, Layer layer, List<String> weightNames) {
            Map<String, String> byShortName = new HashMap<>();
            for (String w : weightNames) {
                String s = w.substring(layerName.length() + 1);
                if (s.endsWith(":0")) {
                    s = s.substring(0, s.length() - 2);
                }
                byShortName.put(s, join(group, w));
            }
            List<List<String>> parts; // each Keras 2 weight: the Keras 1 tensors joined along the last axis
            if (layer instanceof LSTM) {
                parts = gates(List.of("i", "f", "c", "o"));
            } else if (layer instanceof GRU) {
                parts = gates(List.of("z", "r", "h"));
            } else if (layer instanceof SimpleRNN) {
                parts = List.of(List.of("W"), List.of("U"), List.of("b"));
            } else if (layer instanceof BatchNormalization) {
                parts = List.of(List.of("gamma"), List.of("beta"), List.of("running_mean"), List.of("running_std"));
            } else if (layer instanceof Embedding) {
                parts = List.of(List.of("W"));
            } else if (layer instanceof Dense || byShortName.keySet().equals(Set.of("W", "b"))
                    || byShortName.keySet().equals(Set.of("W"))) {
                parts = byShortName.containsKey("b") ? List.of(List.of("W"), List.of("b")) : List.of(List.of("W"));
            } else {
                throw h5.corrupt(group, "Keras 1 weights " + weightNames + " of layer '" + layerName + "' ("
                        + layer.className() + "): keras4j reads Keras 1 weights of Dense, convolution, Embedding,"
                        + " BatchNormalization, SimpleRNN, LSTM and GRU layers");
            }
            List<String> paths = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (List<String> part : parts) {
                for (String p : part) {
                    String path = byShortName.get(p);
                    if (path == null) {
                        throw h5.corrupt(group, "Keras 1 layer '" + layerName + "' (" + layer.className() + ") lacks its '"
                                + layerName + "_" + p + "' tensor; found " + weightNames);
                    }
                    paths.add(path);
                }
                sizes.add(part.size());
            }
            if (paths.size() != weightNames.size()) {
                throw h5.corrupt(group, "Keras 1 layer '" + layerName + "' (" + layer.className() + ") has tensors "
                        + weightNames + ", expected exactly " + paths);
            }
            UnaryOperator<List<INDArray>> toKeras = raw -> {
                List<INDArray> out = new ArrayList<>();
                int at = 0;
                for (int n : sizes) {
                    List<INDArray> pieces = raw.subList(at, at + n);
                    out.add(n == 1 ? pieces.get(0)
                            : Nd4j.concat(pieces.get(0).rank() - 1, pieces.toArray(INDArray[]::new)));
                    at += n;
                }
                return out;
            };
            return new Keras1(paths, toKeras);
        }

        private static List<List<String>> gates(List<String> gates) {
            return List.of(gates.stream().map(g -> "W_" + g).toList(), gates.stream().map(g -> "U_" + g).toList(),
                    gates.stream().map(g -> "b_" + g).toList());
        }
    }

    static String join(String group, String name) {
        return group.equals("/") || group.isEmpty() ? name : group + "/" + name;
    }

    static Map<String, Object> parse(Hdf5Reader h5, String json, String attribute) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw h5.corrupt("/", "attribute '" + attribute + "' is not a JSON object (" + e.getMessage() + ")");
        }
    }
}
