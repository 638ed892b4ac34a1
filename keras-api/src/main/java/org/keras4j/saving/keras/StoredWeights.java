package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.keras4j.Model;
import org.keras4j.layers.Layer;
import org.keras4j.saving.ModelArchive;
import org.keras4j.saving.hdf5.Hdf5Reader;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights a Keras HDF5 file holds for a model, layer by layer: each layer's datasets (path and declared shape)
 * and how they become the layer's Keras-layout weights (Keras 1 stored an LSTM's gates as separate tensors). Checked
 * against the model's parameter counts, from shape inference alone, before any network is allocated; placed only
 * once every layer's arrays are read and fit.
 *
 * <pre>{@code
 * StoredWeights stored = new StoredWeights(h5);
 * stored.add(dense, List.of("model_weights/dense/dense/kernel:0", "model_weights/dense/dense/bias:0"), List::copyOf);
 * stored.checkBeforeBuilding(model);
 * model.build();
 * stored.place();
 * }</pre>
 */
final class StoredWeights {
    private final Hdf5Reader h5;
    private final long fileBytes;
    private final Map<Layer, Entry> layers = new LinkedHashMap<>();

    private record Entry(List<String> paths, List<long[]> shapes, UnaryOperator<List<INDArray>> toKeras) {
    }

    /** @param fileBytes the size of the HDF5 file: float32 weights cannot declare more than it holds */
    StoredWeights(Hdf5Reader h5, long fileBytes) {
        this.h5 = h5;
        this.fileBytes = fileBytes;
    }

    /** Records that {@code paths} (read in order) become {@code layer}'s weights through {@code toKeras}. */
    void add(Layer layer, List<String> paths, UnaryOperator<List<INDArray>> toKeras) {
        List<long[]> shapes = new ArrayList<>();
        for (String p : paths) {
            if (!h5.isDataset(p)) {
                throw h5.corrupt(p, "the weights of layer '" + layer.name() + "' should be a dataset here");
            }
            shapes.add(h5.shape(p));
        }
        if (layers.put(layer, new Entry(List.copyOf(paths), shapes, toKeras)) != null) {
            throw h5.corrupt(paths.isEmpty() ? "/" : paths.get(0), "a second set of weights for layer '" + layer.name()
                    + "'");
        }
    }

    boolean has(Layer layer) {
        return layers.containsKey(layer);
    }

    /**
     * Every layer of {@code model} with parameters has stored weights of exactly its parameter count, every stored
     * layer belongs to the model, and all of them fit in the file: so building the model allocates no more than the
     * file holds.
     *
     * @throws IllegalArgumentException naming the file, the layer, the expected and the found count
     */
    void checkBeforeBuilding(Model model) {
        Map<Layer, Long> counts = ModelArchive.paramCounts(model);
        long total = 0;
        for (Map.Entry<Layer, Long> e : counts.entrySet()) {
            Layer layer = e.getKey();
            long expected = e.getValue();
            Entry stored = layers.get(layer);
            long found = stored == null ? 0 : elements(stored.shapes());
            if (expected != found) {
                throw h5.corrupt(stored == null || stored.paths().isEmpty() ? "/" : parent(stored.paths().get(0)),
                        "layer '" + layer.name() + "' (" + layer.className() + ") has " + expected + " parameters but the"
                                + " file holds " + (found < 0 ? "more than 2^63" : found) + " values for it"
                                + (stored == null ? " (no weights)" : " in " + describe(stored.shapes())));
            }
            total += Math.max(found, 0);
        }
        for (Layer l : layers.keySet()) {
            if (!counts.containsKey(l)) {
                throw h5.corrupt("/", "holds weights for layer '" + l.name() + "', which model '" + model.name()
                        + "' does not have");
            }
        }
        if (total > fileBytes / Float.BYTES) {
            throw h5.corrupt("/", "declares " + total + " weight values, more than its " + fileBytes
                    + " bytes can hold as float32");
        }
    }

    /**
     * Reads every layer's arrays, turns them into Keras's layout, checks them against the built model's shapes, then
     * sets them all: nothing is written unless everything fits.
     */
    void place() {
        Map<Layer, List<INDArray>> ready = new LinkedHashMap<>();
        for (Map.Entry<Layer, Entry> e : layers.entrySet()) {
            Layer layer = e.getKey();
            Entry stored = e.getValue();
            List<INDArray> raw = new ArrayList<>();
            for (int i = 0; i < stored.paths().size(); i++) {
                raw.add(h5.readFloats(stored.paths().get(i), stored.shapes().get(i)));
            }
            List<INDArray> keras = stored.toKeras().apply(raw);
            List<INDArray> expected = layer.getWeights();
            if (keras.size() != expected.size()) {
                throw h5.corrupt(parent(stored.paths().get(0)), "layer '" + layer.name() + "' (" + layer.className()
                        + ") takes " + expected.size() + " weight arrays, the file gives " + keras.size());
            }
            for (int i = 0; i < keras.size(); i++) {
                if (!Arrays.equals(keras.get(i).shape(), expected.get(i).shape())) {
                    throw h5.corrupt(stored.paths().get(Math.min(i, stored.paths().size() - 1)), "weight " + i
                            + " of layer '" + layer.name() + "' (" + layer.className() + ") must have shape "
                            + Arrays.toString(expected.get(i).shape()) + ", found " + Arrays.toString(keras.get(i).shape()));
                }
            }
            ready.put(layer, keras);
        }
        ready.forEach(Layer::setWeights);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static long elements(List<long[]> shapes) {
        long n = 0;
        for (long[] s : shapes) {
            long size = 1;
            for (long d : s) {
                if (d < 0 || (d > 0 && size > Long.MAX_VALUE / d)) {
                    return -1;
                }
                size *= d;
            }
            if (n > Long.MAX_VALUE - size) {
                return -1;
            }
            n += size;
        }
        return n;
    }

    private static String describe(List<long[]> shapes) {
        return shapes.stream().map(Arrays::toString).toList().toString();
    }
}
