package org.keras4j.saving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.keras4j.Model;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of keras4j's files (format version 2), per layer and in Keras's layout, so that a file does not depend
 * on DL4J's parameter order: one ND4J array per Keras weight in the entry {@code weights/<layer name>/<index>.bin},
 * in the order and shapes of {@link Layer#getWeights()}, and an index in {@code keras4j.json}:
 * {@code "weights": [{"layer": "dense", "shapes": [[3, 8], [8]]}, ...]}, one record per layer that has weights.
 *
 * <p>Reading trusts nothing the file declares: the expected shapes come from the model the architecture rebuilt
 * ({@code getWeights()} of its layers), an entry is read bounded by the length its layer expects, and its stored
 * shape must equal the expected one. Before that network is even built, {@link #checkBeforeBuilding} checks the
 * architecture's parameter count of every layer against the index and the sizes the zip declares.
 *
 * <pre>{@code
 * Map<String, byte[]> entries = new LinkedHashMap<>();
 * doc.put("weights", WeightEntries.write(counts, entries));          // saving
 * Map<String, Stored> index = WeightEntries.index(zip, doc);                 // loading
 * WeightEntries.place(zip, index, model, counts, zip::corrupt);
 * }</pre>
 */
final class WeightEntries {
    /** The key of the index in {@code keras4j.json}. */
    static final String INDEX = "weights";

    private WeightEntries() {
    }

    /** One layer's record in the index: its name and each array's shape. */
    record Stored(String layer, List<long[]> shapes) {
        String entry(int i) {
            return entry(layer, i);
        }

        static String entry(String layer, int i) {
            // the index is digits only, so the last '/' separates it from any layer name unambiguously
            return "weights/" + layer + "/" + i + ".bin";
        }
    }

    /**
     * Adds the weights of each layer of {@code counts} that has parameters to {@code entries}; returns the index.
     *
     * @param counts each layer of the model and its parameter count, in {@code model.layers()} order
     */
    static List<Object> write(Map<Layer, Long> counts, Map<String, byte[]> entries) {
        List<Object> index = new ArrayList<>();
        for (Map.Entry<Layer, Long> c : counts.entrySet()) {
            Layer layer = c.getKey();
            if (c.getValue() == 0) {
                continue;
            }
            List<INDArray> arrays = layer.getWeights();
            List<Object> shapes = new ArrayList<>();
            for (int i = 0; i < arrays.size(); i++) {
                entries.put(Stored.entry(layer.name(), i), ZipEntries.arrayBytes(arrays.get(i)));
                shapes.add(arrays.get(i).shape());
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("layer", layer.name());
            record.put("shapes", shapes);
            index.add(record);
        }
        return index;
    }

    /**
     * The index of {@code keras4j.json}, by layer name, checked for types only.
     *
     * @throws IllegalArgumentException naming the file, the record and the key if it is missing or mistyped
     */
    static Map<String, Stored> index(ArchiveReader zip, Map<String, Object> doc) {
        Map<String, Stored> out = new LinkedHashMap<>();
        List<?> records = ModelArchive.in(zip, "", () -> Configs.requireList(doc, INDEX));
        for (int r = 0; r < records.size(); r++) {
            Object o = records.get(r);
            String where = INDEX + "[" + r + "]";
            if (!(o instanceof Map<?, ?>)) {
                throw zip.corrupt(ModelArchive.CONFIG + ", " + where + ": must be an object {\"layer\": ..., \"shapes\": "
                        + "[...]}, found " + Configs.describe(o));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) o;
            Stored stored = ModelArchive.in(zip, where, () -> {
                if (!(record.get("layer") instanceof String name) || name.isEmpty()) {
                    throw Configs.mistyped("layer", "a layer name", record.get("layer"));
                }
                List<?> list = Configs.requireList(record, "shapes");
                List<long[]> shapes = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    String key = "shapes[" + i + "]";
                    if (!(list.get(i) instanceof List<?> dims)) {
                        throw Configs.mistyped(key, "a list of dimensions", list.get(i));
                    }
                    long[] shape = new long[dims.size()];
                    for (int d = 0; d < shape.length; d++) {
                        shape[d] = Configs.toLong(key + "[" + d + "]", dims.get(d));
                        if (shape[d] < 0) {
                            throw Configs.mistyped(key + "[" + d + "]", "a dimension >= 0", dims.get(d));
                        }
                    }
                    shapes.add(shape);
                }
                return new Stored(name, shapes);
            });
            if (out.put(stored.layer(), stored) != null) {
                throw zip.corrupt(ModelArchive.CONFIG + ", " + where + ": layer '" + stored.layer() + "' has two records");
            }
        }
        return out;
    }

    /**
     * Before the network of {@code counts}' layers is built: the file holds weights for exactly the layers with
     * parameters, each record's shapes hold its layer's parameter count, and its entries' declared sizes leave room
     * for that many values ({@link StoredArray#MIN_WIDTH} bytes each), so an architecture that declares more than
     * the file holds fails here, naming the layer, instead of allocating what it declares.
     *
     * @throws IllegalArgumentException (the file is corrupt) if any of these fails
     */
    static void checkBeforeBuilding(ArchiveReader zip, Map<String, Stored> index, Map<Layer, Long> counts) {
        requireSameLayers(index, counts, zip::corrupt, "the architecture in " + ModelArchive.CONFIG);
        for (Map.Entry<Layer, Long> c : counts.entrySet()) {
            long declared = c.getValue();
            if (declared == 0) {
                continue;
            }
            Layer layer = c.getKey();
            Stored stored = index.get(layer.name());
            long held = 0;
            for (long[] shape : stored.shapes()) {
                held = ModelArchive.saturatingAdd(held, product(shape));
            }
            if (held != declared) {
                throw zip.corrupt("layer '" + layer.name() + "' (" + layer.className() + ") declares "
                        + ModelArchive.count(declared) + " parameters in " + ModelArchive.CONFIG + "'s architecture but its "
                        + INDEX + " record holds " + ModelArchive.count(held) + " " + shapes(stored.shapes())
                        + ": the architecture and the weights disagree");
            }
            long bytes = 0;
            for (int i = 0; i < stored.shapes().size(); i++) {
                long size = zip.declaredSize(stored.entry(i)); // also: the entry exists
                bytes = size < 0 || bytes < 0 ? -1 : ModelArchive.saturatingAdd(bytes, size);
            }
            if (bytes >= 0 && declared > bytes / StoredArray.MIN_WIDTH) {
                throw zip.corrupt("the entries " + stored.entry(0) + "... hold " + bytes + " bytes, room for at most "
                        + bytes / StoredArray.MIN_WIDTH + " values, but layer '" + layer.name() + "' ("
                        + layer.className() + ") declares " + ModelArchive.count(declared)
                        + " parameters: the architecture in " + ModelArchive.CONFIG + " and the weights disagree");
            }
        }
    }

    /**
     * Reads every layer's weights, checked against the shapes {@code model}'s own layers expect before anything is
     * written, then writes them into the model. Layers are matched by name.
     *
     * @param counts each layer of the model and its parameter count, in {@code model.layers()} order
     * @param fail   makes the exception for a mismatch: the file is corrupt (a whole model) or holds another
     *               architecture's weights ({@code loadWeights})
     * @throws IllegalArgumentException naming the missing and unexpected layers, or the layer, the weight index and
     *                                  the expected and found shapes
     */
    static void place(ArchiveReader zip, Map<String, Stored> index, Model model, Map<Layer, Long> counts,
            Function<String, IllegalArgumentException> fail) {
        requireSameLayers(index, counts, fail, "model '" + model.name() + "'");
        Map<Layer, List<StoredArray>> read = new LinkedHashMap<>();
        for (Map.Entry<Layer, Long> c : counts.entrySet()) {
            Layer layer = c.getKey();
            if (c.getValue() == 0) {
                continue;
            }
            Stored stored = index.get(layer.name());
            List<long[]> expected = new ArrayList<>();
            layer.getWeights().forEach(w -> expected.add(w.shape()));
            String who = "layer '" + layer.name() + "' (" + layer.className() + ")";
            if (stored.shapes().size() != expected.size()) {
                throw fail.apply(who + " has " + expected.size() + " weights " + shapes(expected) + ", the file holds "
                        + stored.shapes().size() + " " + shapes(stored.shapes()));
            }
            List<StoredArray> arrays = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                long[] want = expected.get(i);
                if (!Arrays.equals(want, stored.shapes().get(i))) {
                    throw fail.apply(who + ", weight " + i + ": expected shape " + Arrays.toString(want) + ", found "
                            + Arrays.toString(stored.shapes().get(i)) + " in " + INDEX + " of " + ModelArchive.CONFIG);
                }
                StoredArray array = zip.readArray(stored.entry(i), product(want),
                        "the " + product(want) + " values of weight " + i + " of " + who);
                if (!Arrays.equals(want, array.shape())) {
                    throw fail.apply(who + ", weight " + i + ": expected shape " + Arrays.toString(want) + ", found "
                            + Arrays.toString(array.shape()) + " in " + stored.entry(i));
                }
                arrays.add(array);
            }
            read.put(layer, arrays);
        }
        for (Map.Entry<Layer, List<StoredArray>> r : read.entrySet()) {
            r.getKey().setWeights(r.getValue().stream().map(StoredArray::toINDArray).toList());
        }
    }

    /** Fails unless the layers of {@code counts} with parameters are exactly the layers {@code index} holds. */
    private static void requireSameLayers(Map<String, Stored> index, Map<Layer, Long> counts,
            Function<String, IllegalArgumentException> fail, String what) {
        List<String> missing = new ArrayList<>();
        List<String> weighted = new ArrayList<>();
        for (Map.Entry<Layer, Long> c : counts.entrySet()) {
            if (c.getValue() != 0) {
                weighted.add(c.getKey().name());
                if (!index.containsKey(c.getKey().name())) {
                    missing.add(c.getKey().name());
                }
            }
        }
        List<String> unexpected = new ArrayList<>(index.keySet());
        unexpected.removeAll(weighted);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw fail.apply("its weights are for other layers than those of " + what + ": missing " + missing
                    + " (layers with weights in the model, none in the file), unexpected " + unexpected
                    + " (in the file, not a layer with weights in the model); the file holds weights for "
                    + index.keySet());
        }
    }

    /** The number of values of {@code shape}; {@code Long.MAX_VALUE} if it overflows. */
    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = d != 0 && n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d;
        }
        return n;
    }

    private static String shapes(List<long[]> shapes) {
        return shapes.stream().map(Arrays::toString).toList().toString();
    }
}
