package org.keras4j.saving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The weights of keras4j's files (format version 2), per layer and in Keras's layout, so that a file does not depend
 * on DL4J's parameter order: one ND4J array per Keras weight in the entry {@code weights/<layer name>/<index>.bin},
 * in the order and shapes of {@link Layer#getWeights()}, and an index in {@code keras4j.json}:
 * {@code "weights": [{"layer": "dense", "shapes": [[3, 8], [8]]}, ...]}, one record per layer that has weights.
 *
 * <p>A kind of layer keras4j has no Keras layout for yet (SeparableConv2D, Conv2DTranspose) is stored as one vector
 * of its parameters in DL4J's order, marked {@code "layout": "dl4j"}. Only a {@link Sequential} model can save and
 * place those, because only there a layer's parameters are a known slice of DL4J's flat vector (its layers' in order).
 *
 * <p>Reading trusts nothing the file declares: the expected shapes come from the model the architecture rebuilt
 * ({@code getWeights()} of its layers), an entry is read bounded by the length its layer expects, and its stored
 * shape must equal the expected one. Before that network is even built, {@link #checkBeforeBuilding} checks the
 * architecture's parameter count of every layer against the index and the sizes the zip declares.
 *
 * <pre>{@code
 * Map<String, byte[]> entries = new LinkedHashMap<>();
 * doc.put("weights", WeightEntries.write(model, counts, entries));          // saving
 * Map<String, Stored> index = WeightEntries.index(zip, doc);                 // loading
 * WeightEntries.place(zip, index, model, counts, zip::corrupt);
 * }</pre>
 */
final class WeightEntries {
    /** The key of the index in {@code keras4j.json}. */
    static final String INDEX = "weights";
    private static final String DL4J_LAYOUT = "dl4j";
    private static final String KERAS_LAYOUT = "keras";

    private WeightEntries() {
    }

    /** One layer's record in the index: its name, whether its weights are in DL4J's layout, each array's shape. */
    record Stored(String layer, boolean dl4jLayout, List<long[]> shapes) {
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
     * @throws UnsupportedOperationException for a layer without a Keras layout in a model other than a Sequential
     */
    static List<Object> write(Model model, Map<Layer, Long> counts, Map<String, byte[]> entries) {
        List<Object> index = new ArrayList<>();
        INDArray flat = null;
        for (Map.Entry<Layer, Long> c : counts.entrySet()) {
            Layer layer = c.getKey();
            if (c.getValue() == 0) {
                continue;
            }
            List<INDArray> arrays;
            boolean dl4j = false;
            try {
                arrays = layer.getWeights();
            } catch (UnsupportedOperationException e) { // the one signal that the layer has no Keras layout yet
                flat = flat == null ? vector(model.getWeights()) : flat;
                long from = dl4jOffset(model, counts, layer);
                arrays = List.of(flat.get(NDArrayIndex.interval(from, from + c.getValue())).dup());
                dl4j = true;
            }
            List<Object> shapes = new ArrayList<>();
            for (int i = 0; i < arrays.size(); i++) {
                entries.put(Stored.entry(layer.name(), i), ZipEntries.arrayBytes(arrays.get(i)));
                shapes.add(arrays.get(i).shape());
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("layer", layer.name());
            if (dl4j) {
                record.put("layout", DL4J_LAYOUT);
            }
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
                String layout = Configs.getString(record, "layout", KERAS_LAYOUT);
                if (!layout.equals(KERAS_LAYOUT) && !layout.equals(DL4J_LAYOUT)) {
                    throw Configs.mistyped("layout", "\"" + KERAS_LAYOUT + "\" or \"" + DL4J_LAYOUT + "\"", layout);
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
                return new Stored(name, layout.equals(DL4J_LAYOUT), shapes);
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
            if (stored.dl4jLayout()) {
                dl4jOffset(model, counts, layer); // fails now, before anything is read, for a model that cannot place it
                expected.add(new long[] {c.getValue()});
            } else {
                layer.getWeights().forEach(w -> expected.add(w.shape()));
            }
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
            if (!index.get(r.getKey().name()).dl4jLayout()) {
                r.getKey().setWeights(r.getValue().stream().map(StoredArray::toINDArray).toList());
            }
        }
        INDArray all = null;
        INDArray flat = null;
        for (Map.Entry<Layer, List<StoredArray>> r : read.entrySet()) {
            if (index.get(r.getKey().name()).dl4jLayout()) {
                if (flat == null) { // after the Keras-layout layers: it holds theirs too
                    all = model.getWeights();
                    flat = vector(all);
                }
                long from = dl4jOffset(model, counts, r.getKey());
                flat.get(NDArrayIndex.interval(from, from + counts.get(r.getKey())))
                        .assign(r.getValue().get(0).toINDArray().castTo(flat.dataType()));
            }
        }
        if (flat != null) {
            model.setWeights(flat.reshape(all.shape()));
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

    /**
     * Where {@code layer}'s parameters start in the model's flat DL4J vector: after those of the layers before it,
     * which holds in a {@link Sequential} (its translator gives each layer's parameters to one DL4J layer, in order).
     *
     * @throws UnsupportedOperationException for any other kind of model
     */
    private static long dl4jOffset(Model model, Map<Layer, Long> counts, Layer layer) {
        if (!(model instanceof Sequential)) {
            throw new UnsupportedOperationException("layer '" + layer.name() + "' (" + layer.className() + ") has no"
                    + " Keras weight layout yet, so its weights can be saved and loaded in a Sequential model only, not"
                    + " in a " + model.getClass().getSimpleName());
        }
        long offset = 0;
        for (Map.Entry<Layer, Long> c : counts.entrySet()) {
            if (c.getKey() == layer) {
                return offset;
            }
            offset += c.getValue();
        }
        throw new IllegalStateException("internal: " + layer + " is not a layer of model '" + model.name() + "'");
    }

    /** {@code weights} (DL4J's flat parameters, a row or a vector) as a vector of its own. */
    private static INDArray vector(INDArray weights) {
        return weights.dup('c').reshape(weights.length());
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
