package org.keras4j.models;

import java.util.ArrayList;
import java.util.List;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.Optimizers;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deep belief network: a stack of RBMs pre-trained greedily, layer by layer (Hinton, Osindero
 * and Teh 2006), each on the hidden probabilities of the one below; then unrolled into a keras4j
 * {@link Sequential} of Dense sigmoid layers holding the RBMs' weights (kernel {@code W}, bias
 * the hidden bias), plus a softmax head, for supervised fine-tuning with {@code fit}.
 *
 * <p>The equivalent Sequential for {@code DBN.of(784, 500, 200).toSequential(10)}:
 * <pre>{@code
 * new Sequential(new Input(784), new Dense(500, "sigmoid"), new Dense(200, "sigmoid"), new Dense(10, "softmax"));
 * }</pre>
 *
 * <pre>{@code
 * DBN dbn = DBN.of(784, 500, 200);
 * dbn.pretrain(x, new SGD(0.05, 0.5), FitOptions.defaults().epochs(5).batchSize(64));
 * Sequential model = dbn.toSequential(10);            // compiled: adam, sparse categorical cross-entropy, accuracy
 * model.fit(x, y, FitOptions.defaults().epochs(5));
 * }</pre>
 */
public final class DBN {
    private static final Logger LOG = LoggerFactory.getLogger(DBN.class);

    private final List<RBM> rbms;

    /**
     * A DBN of the given RBMs, bottom first; each RBM's visible units must match the hidden
     * units of the one below.
     *
     * @throws IllegalArgumentException if the list is empty or the sizes do not chain
     */
    public DBN(List<RBM> rbms) {
        if (rbms == null || rbms.isEmpty()) {
            throw new IllegalArgumentException("a DBN needs at least one RBM, got " + (rbms == null ? "null" : "none"));
        }
        for (int i = 1; i < rbms.size(); i++) {
            if (rbms.get(i).visible() != rbms.get(i - 1).hidden()) {
                throw new IllegalArgumentException("RBM " + i + " must have " + rbms.get(i - 1).hidden() + " visible units"
                        + " (the hidden units of RBM " + (i - 1) + "), got " + rbms.get(i).visible());
            }
            if (rbms.get(i).visibleUnits() != RBM.VisibleUnits.BERNOULLI) {
                throw new IllegalArgumentException("RBM " + i + " reads hidden probabilities and must have Bernoulli"
                        + " visible units, got " + rbms.get(i).visibleUnits());
            }
        }
        this.rbms = List.copyOf(rbms);
    }

    /**
     * Bernoulli RBMs of {@code visible}, then each of {@code hidden} units, CD-1, named
     * {@code rbm_1}, {@code rbm_2}, ...
     *
     * @throws IllegalArgumentException if there are no hidden sizes or a size is not positive
     */
    public static DBN of(int visible, int... hidden) {
        if (hidden == null || hidden.length == 0) {
            throw new IllegalArgumentException("hidden must give at least one layer size, got none");
        }
        List<RBM> list = new ArrayList<>();
        int below = visible;
        for (int i = 0; i < hidden.length; i++) {
            list.add(RBM.builder(below, hidden[i]).name("rbm_" + (i + 1)).build());
            below = hidden[i];
        }
        return new DBN(list);
    }

    /** The RBMs, bottom first. */
    public List<RBM> rbms() {
        return rbms;
    }

    /**
     * Greedy layer-wise pre-training: each RBM not yet compiled is compiled with a copy of
     * {@code optimizer} (same rate, schedule, momentum), then fitted with {@code options} on the
     * hidden probabilities of the RBM below (the first on {@code x}).
     *
     * @return each RBM's History, bottom first
     * @throws IllegalArgumentException if {@code x} does not have the first RBM's visible units
     */
    public List<History> pretrain(INDArray x, SGD optimizer, FitOptions options) {
        if (optimizer == null || options == null) {
            throw new IllegalArgumentException((optimizer == null ? "optimizer" : "options") + " must not be null");
        }
        List<History> histories = new ArrayList<>();
        INDArray input = x;
        for (int i = 0; i < rbms.size(); i++) {
            RBM rbm = rbms.get(i);
            if (!rbm.isCompiled()) {
                rbm.compile((SGD) Optimizers.fromConfig(optimizer.identifier(), optimizer.getConfig()));
            }
            LOG.info("pre-training {} ({} -> {} units)", rbm.name(), rbm.visible(), rbm.hidden());
            histories.add(rbm.fit(input, options));
            if (i + 1 < rbms.size()) {
                input = rbm.transform(input);
            }
        }
        return histories;
    }

    /**
     * The top RBM's hidden probabilities, each RBM transforming the output of the one below.
     *
     * @throws IllegalStateException before the RBMs have weights (compile or pretrain)
     */
    public INDArray transform(INDArray x) {
        INDArray h = x;
        for (RBM rbm : rbms) {
            h = rbm.transform(h);
        }
        return h;
    }

    /**
     * The unrolled feature extractor: Dense sigmoid layers with the RBMs' weights, whose
     * {@code predict} equals {@link #transform}; compiled with adam and mse so that the weights
     * are in place (compile again with your settings: the weights are kept).
     */
    public Sequential toSequential() {
        return unrolled(0);
    }

    /**
     * The unrolled network plus a softmax head of {@code classes} units (Keras's default
     * glorot-uniform kernel, zero bias), compiled with adam, sparse categorical cross-entropy and
     * accuracy; compile again to change them (the weights are kept).
     *
     * @throws IllegalArgumentException if {@code classes < 2}
     */
    public Sequential toSequential(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2 for a softmax head, got " + classes);
        }
        return unrolled(classes);
    }

    private Sequential unrolled(int classes) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Input(rbms.get(0).visible()));
        for (RBM rbm : rbms) {
            layers.add(new Dense(rbm.hidden(), "sigmoid"));
        }
        if (classes > 0) {
            layers.add(new Dense(classes, "softmax"));
        }
        Sequential model = new Sequential("dbn", layers.toArray(Layer[]::new));
        if (classes > 0) {
            model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        } else {
            model.compile("adam", "mse");
        }
        for (int i = 0; i < rbms.size(); i++) {
            List<INDArray> w = rbms.get(i).getWeights();
            model.getLayer(i).setWeights(List.of(w.get(0), w.get(1)));
        }
        return model;
    }
}
