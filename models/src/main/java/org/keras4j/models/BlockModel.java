package org.keras4j.models;

import java.util.List;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.Shape;
import org.keras4j.engine.Node;
import org.keras4j.layers.Layer;

/**
 * Base of the models that are one block trained by their own rule rather than a graph of layers
 * ({@link RBM}, {@link RatingRBM}): one input and one output of {@code width} values, no layers, no
 * tensors; they train through {@code fit} like any {@link Model} (History, progress bar, callbacks).
 *
 * <pre>{@code
 * RBM rbm = RBM.builder(784, 256).build();   // a BlockModel: rbm.layers() is empty
 * }</pre>
 */
abstract class BlockModel extends Model {
    private final int width;
    private final String inputName;
    private final String outputName;

    /**
     * @param width values per sample in and out
     * @param inputName the name data is passed by
     * @param outputName the name of what {@code predict} returns
     */
    BlockModel(String name, int width, String inputName, String outputName) {
        super(name);
        this.width = width;
        this.inputName = inputName;
        this.outputName = outputName;
    }

    /** What to use instead of calling the model on tensors, for the error message. */
    protected abstract String insteadOfApply();

    @Override
    public Shape inputShape() {
        return Shape.of(width);
    }

    @Override
    public Shape outputShape() {
        return Shape.of(width);
    }

    @Override
    public List<KerasTensor> inputs() {
        return List.of();
    }

    @Override
    public List<KerasTensor> outputs() {
        return List.of();
    }

    @Override
    public List<Node> nodes() {
        return List.of();
    }

    @Override
    public List<Layer> layers() {
        return List.of();
    }

    /** @throws UnsupportedOperationException always: the model is not made of layers */
    @Override
    public List<KerasTensor> apply(List<KerasTensor> inputs) {
        throw new UnsupportedOperationException("a " + getClass().getSimpleName() + " is not made of layers and cannot"
                + " be called on tensors: " + insteadOfApply());
    }

    /** @throws UnsupportedOperationException always */
    @Override
    public KerasTensor apply(KerasTensor... inputs) {
        return apply(List.<KerasTensor>of()).get(0);
    }

    @Override
    public List<String> inputNames() {
        return List.of(inputName);
    }

    @Override
    public List<String> outputNames() {
        return List.of(outputName);
    }

    @Override
    protected String describeInputLayer(int index) {
        return getClass().getSimpleName() + " '" + name() + "' (" + width + " " + inputName + " values)";
    }

    @Override
    protected String describeOutputLayer(int index) {
        return getClass().getSimpleName() + " '" + name() + "' (" + width + " " + outputName + " values)";
    }
}
