package org.keras4j.models;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Input;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Transfer learning with a frozen base, the Keras "feature extraction" recipe: run the base once over the data, keep
 * its outputs, and train only the new head on them, instead of running the unchanging base again in every batch of
 * every epoch. The head then trains exactly as it would on top of the frozen base (the same losses and weights, within
 * float rounding), because a frozen base computes the same features every time: its weights do not move and its
 * BatchNormalization layers run in inference mode. (A base whose Dropout or noise layers are active in training is
 * the exception: the cache holds inference-mode features, as Keras's recipe, which calls the base with
 * {@code training=False}.)
 *
 * <pre>{@code
 * Model base = Model.load(Path.of("base.keras4j"));              // e.g. a CNN without its classifier
 * base.setTrainable(false);
 * FeatureCache cache = FeatureCache.of(base);
 * DataSet train = cache.features(folder.withType("train").iterator(256, false, 0));   // base runs once
 * Sequential head = cache.head(new Dense(5, "softmax"));        // Input(base's output shape), Dense
 * head.compile("adam", "categorical_crossentropy", "accuracy");
 * head.fit(train.getFeatures(), train.getLabels(), FitOptions.defaults().epochs(10));
 * Functional classifier = cache.stack(head);                    // image -> base -> head, for new images
 * }</pre>
 */
public final class FeatureCache {
    /** Images per {@code predict} batch when features are computed from arrays. */
    public static final int BATCH_SIZE = 256;

    private final Model base;

    private FeatureCache(Model base) {
        this.base = base;
    }

    /**
     * A cache over {@code base}, which must be frozen ({@code base.setTrainable(false)}): a base that trains would
     * change under the cached features. A base without weights yet (e.g. a sub-model of a loaded model) is built
     * ({@code Model.build()}) so it can predict; its weights stay.
     *
     * @throws IllegalArgumentException if {@code base} is null, or one of its layers with weights is trainable
     */
    public static FeatureCache of(Model base) {
        if (base == null) {
            throw new IllegalArgumentException("base must not be null");
        }
        for (Layer layer : base.layers()) {
            if (layer.isTrainable() && hasWeights(base, layer)) {
                throw new IllegalArgumentException("base '" + base.name() + "' has the trainable layer '"
                        + layer.name() + "': freeze the base first (base.setTrainable(false)), or its features would"
                        + " change during fit and the cache would go stale");
            }
        }
        base.build(); // does nothing to a compiled or built model
        return new FeatureCache(base);
    }

    private static boolean hasWeights(Model model, Layer layer) {
        for (org.keras4j.engine.Node n : model.nodes()) {
            if (n.layer() == layer) {
                return layer.countParams(n.inbound().get(0).shape()) > 0;
            }
        }
        return false;
    }

    /** The base's output shape for one sample: the head's input shape. */
    public org.keras4j.Shape outputShape() {
        return base.outputShape();
    }

    /** The frozen base. */
    public Model base() {
        return base;
    }

    /**
     * The base's outputs for {@code x}, in inference mode, {@value #BATCH_SIZE} samples at a time.
     *
     * @throws IllegalArgumentException if {@code x} does not fit the base's input (the message is {@code predict}'s)
     */
    public INDArray features(INDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        return base.predict(x, BATCH_SIZE);
    }

    /**
     * Runs the base once over every batch of {@code data} (from its start, in its order) and returns the features
     * with the batches' labels, stacked. Give an iterator that does not shuffle if the order should be the data's;
     * {@code fit} on the result shuffles anyway.
     *
     * @throws IllegalArgumentException if {@code data} is null or empty
     */
    public DataSet features(DataSetIterator data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (data.resetSupported()) {
            data.reset();
        }
        List<INDArray> features = new ArrayList<>();
        List<INDArray> labels = new ArrayList<>();
        while (data.hasNext()) {
            DataSet batch = data.next();
            features.add(base.predict(batch.getFeatures(), (int) batch.getFeatures().size(0)));
            labels.add(batch.getLabels());
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("data holds no batches");
        }
        return new DataSet(concat(features), concat(labels));
    }

    /** The stacked model holds the layers of both: their names must differ, as in any model. */
    private void checkNames(Model head) {
        Set<String> baseNames = new HashSet<>();
        base.layers().stream().filter(l -> !(l instanceof Input)).forEach(l -> baseNames.add(l.name()));
        for (Layer l : head.layers()) {
            if (!(l instanceof Input) && baseNames.contains(l.name())) {
                throw new IllegalArgumentException("head '" + head.name() + "' has a layer named '" + l.name()
                        + "', as base '" + base.name() + "' has: rename it (withName), or build the head with"
                        + " FeatureCache.head(layers...), which picks free names");
            }
        }
    }

    private static INDArray concat(List<INDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }

    /**
     * A head for the cached features: {@code Input(outputShape())} followed by {@code layers}, named
     * {@code <base>_head}. A layer without a name gets Keras's default name with a number that the base does not use
     * ({@code dense_1} when the base has a {@code dense}), so that {@link #stack} can join both models.
     *
     * @throws IllegalArgumentException if there are no layers, one is null, or a named one clashes with the base's
     */
    public Sequential head(Layer... layers) {
        if (layers == null || layers.length == 0 || java.util.Arrays.stream(layers).anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("head needs at least one layer and no null, got "
                    + (layers == null ? "null" : java.util.Arrays.toString(layers)));
        }
        Set<String> taken = new HashSet<>();
        base.layers().forEach(l -> taken.add(l.name()));
        for (Layer layer : layers) {
            if (layer.name() == null) {
                String prefix = layer.defaultNamePrefix();
                String name = prefix;
                for (int i = 1; taken.contains(name); i++) {
                    name = prefix + "_" + i;
                }
                layer.assignDefaultName(name);
            }
            taken.add(layer.name());
        }
        Sequential head = new Sequential(base.name() + "_head", new Input(outputShape()));
        for (Layer layer : layers) {
            head.add(layer);
        }
        checkNames(head);
        return head;
    }

    /**
     * The whole classifier: a new input of the base's input shape, the base, then {@code head} (which takes the
     * base's output shape), sharing both models' weights, as Keras's {@code keras.Model(inputs, head(base(inputs)))}.
     * Compile it to predict or evaluate on raw inputs; the base stays frozen.
     *
     * @throws IllegalArgumentException if {@code head}'s input shape is not the base's output shape
     */
    public Functional stack(Model head) {
        if (head == null) {
            throw new IllegalArgumentException("head must not be null");
        }
        if (!head.inputShape().equals(base.outputShape())) {
            throw new IllegalArgumentException("head '" + head.name() + "' takes input " + head.inputShape()
                    + " but base '" + base.name() + "' outputs " + base.outputShape());
        }
        checkNames(head);
        KerasTensor input = Keras.input(base.inputShape().dims());
        KerasTensor output = head.apply(base.apply(input));
        return new Functional(base.name() + "_" + head.name(), List.of(input), List.of(output));
    }
}
