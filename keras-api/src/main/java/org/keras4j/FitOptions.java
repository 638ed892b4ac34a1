package org.keras4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keras4j.callbacks.Callback;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The keyword arguments of Keras's {@code fit}, with Keras's defaults: 1 epoch, batch size
 * 32, verbose 1, shuffle on, no validation. Start from {@link #defaults()} and set the
 * arguments in any order, as Keras's keyword arguments; each setter returns these options.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(20).batchSize(64).validationSplit(0.1)
 *         .callbacks(new MyCallback()).verbose(2));
 * }</pre>
 */
public final class FitOptions {
    private int epochs = 1;
    private int batchSize = 32;
    private int verbose = 1;
    private boolean shuffle = true;
    private double validationSplit;
    private List<INDArray> validationXs;
    private List<INDArray> validationYs;
    private DataSetIterator validationIterator;
    private MultiDataSetIterator validationMultiIterator;
    private Map<Integer, Double> classWeight;
    private INDArray sampleWeight;
    private int initialEpoch;
    private final List<Callback> callbacks = new ArrayList<>();

    private FitOptions() {
    }

    /**
     * Keras's defaults, the start of every chain. The only static factory, so that no setter
     * can be a static method that, called on a chain, would start new options and drop the
     * arguments set before it.
     */
    public static FitOptions defaults() {
        return new FitOptions();
    }

    /**
     * Trains for {@code epochs} epochs.
     *
     * @throws IllegalArgumentException if {@code epochs} is not positive
     */
    public FitOptions epochs(int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    public FitOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** 0 silent, 1 progress bar, 2 one line per epoch. */
    public FitOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        }
        this.verbose = verbose;
        return this;
    }

    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /**
     * Holds out the last {@code fraction} of the samples (taken before shuffling) for validation.
     *
     * @throws IllegalArgumentException unless {@code 0 <= fraction < 1}
     */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /** Evaluates on {@code (x, y)} at the end of each epoch; takes precedence over validationSplit. */
    public FitOptions validationData(INDArray x, INDArray y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("validationData needs both x and y");
        }
        this.validationXs = List.of(x);
        this.validationYs = List.of(y);
        return this;
    }

    /**
     * Evaluates on one array per model input and per output at the end of each epoch, as Keras's
     * {@code validation_data=([x1, x2], [y1, y2])}; takes precedence over validationSplit.
     */
    public FitOptions validationData(List<INDArray> x, List<INDArray> y) {
        if (x == null || y == null || x.isEmpty() || y.isEmpty() || x.stream().anyMatch(java.util.Objects::isNull) || y.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("validationData needs one array per model input and per output, got x "
                    + (x == null ? null : x.size() + " arrays") + ", y " + (y == null ? null : y.size() + " arrays"));
        }
        this.validationXs = List.copyOf(x);
        this.validationYs = List.copyOf(y);
        return this;
    }

    /** Evaluates on an iterator at the end of each epoch. */
    public FitOptions validationData(DataSetIterator iterator) {
        if (iterator == null) {
            throw new IllegalArgumentException("validationData iterator must not be null");
        }
        this.validationIterator = iterator;
        return this;
    }

    /** Evaluates on a {@link MultiDataSetIterator} (arrays per input and output) at the end of each epoch. */
    public FitOptions validationData(MultiDataSetIterator iterator) {
        if (iterator == null) {
            throw new IllegalArgumentException("validationData iterator must not be null");
        }
        this.validationMultiIterator = iterator;
        return this;
    }

    /** Weights each sample's loss by the weight of its class (class index to weight). */
    public FitOptions classWeight(Map<Integer, Double> classWeight) {
        this.classWeight = classWeight == null ? null : new LinkedHashMap<>(classWeight);
        return this;
    }

    /** Weights each sample's loss; shape {@code [n]}. */
    public FitOptions sampleWeight(INDArray sampleWeight) {
        this.sampleWeight = sampleWeight;
        return this;
    }

    /** The epoch to start from (to resume), counting from 0; trains epochs initialEpoch .. epochs-1. */
    public FitOptions initialEpoch(int initialEpoch) {
        if (initialEpoch < 0) {
            throw new IllegalArgumentException("initialEpoch must be >= 0, got " + initialEpoch);
        }
        this.initialEpoch = initialEpoch;
        return this;
    }

    public FitOptions callbacks(Callback... callbacks) {
        Collections.addAll(this.callbacks, callbacks);
        return this;
    }

    public FitOptions callbacks(List<? extends Callback> callbacks) {
        this.callbacks.addAll(callbacks);
        return this;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public int verbose() {
        return verbose;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public double validationSplit() {
        return validationSplit;
    }

    /** The first validation input array, or null. */
    public INDArray validationX() {
        return validationXs == null ? null : validationXs.get(0);
    }

    /** The validation arrays per model input, or null. */
    public List<INDArray> validationXs() {
        return validationXs;
    }

    /** The validation arrays per model output, or null. */
    public List<INDArray> validationYs() {
        return validationYs;
    }

    /** The first validation output array, or null. */
    public INDArray validationY() {
        return validationYs == null ? null : validationYs.get(0);
    }

    public MultiDataSetIterator validationMultiIterator() {
        return validationMultiIterator;
    }

    public DataSetIterator validationIterator() {
        return validationIterator;
    }

    public Map<Integer, Double> classWeight() {
        return classWeight;
    }

    public INDArray sampleWeight() {
        return sampleWeight;
    }

    public int initialEpoch() {
        return initialEpoch;
    }

    public List<Callback> callbacks() {
        return Collections.unmodifiableList(callbacks);
    }
}
