package org.keras4j.internal.dl4j.graph;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.keras4j.Shape;
import org.keras4j.internal.dl4j.Layout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * Configuration of the DL4J graph vertex that takes one slice {@code [from, to)} of the last axis
 * of its input, whatever its rank (a flat vector per sample, or NWC steps): how one tensor of a
 * call producing several is read from the call's packed output (a recurrent layer's final states
 * after its output, a {@code Bidirectional}'s two directions without merging). Its output is
 * {@link Layout#natural} of the tensor's Keras shape; its runtime half is
 * {@link LastAxisSliceVertexImpl}. Unlike DL4J's {@code SubsetVertex} it slices the last axis of a
 * channels-last array.
 *
 * <pre>{@code
 * graph.addVertex("bidirectional/out1", new LastAxisSliceVertex(16, 32, new long[] {20, 16}), "bidirectional");
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class LastAxisSliceVertex extends GraphVertex {
    private long from;
    private long to;
    /** Keras sample shape (batch excluded) of the slice. */
    private long[] outputShape;

    /** For JSON deserialization. */
    public LastAxisSliceVertex() {
    }

    /**
     * @throws IllegalArgumentException unless {@code 0 <= from < to} and the slice's last axis
     *     has {@code to - from} entries
     */
    public LastAxisSliceVertex(long from, long to, long[] outputShape) {
        if (from < 0 || to <= from || outputShape.length == 0 || outputShape[outputShape.length - 1] != to - from) {
            throw new IllegalArgumentException("internal: slice [" + from + ", " + to + ") for output shape "
                    + Arrays.toString(outputShape));
        }
        this.from = from;
        this.to = to;
        this.outputShape = outputShape.clone();
    }

    long from() {
        return from;
    }

    long to() {
        return to;
    }

    /** The DL4J dims (batch excluded) of the output. */
    long[] outputDims() {
        return Layout.natural(Shape.of(outputShape)).dims();
    }

    @Override
    public LastAxisSliceVertex clone() {
        return new LastAxisSliceVertex(from, to, outputShape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LastAxisSliceVertex other && from == other.from && to == other.to
                && Arrays.equals(outputShape, other.outputShape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to, Arrays.hashCode(outputShape));
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new LastAxisSliceVertexImpl(graph, name, idx, this, networkDatatype);
    }

    /** @throws InvalidInputTypeException if the input's values per sample cannot hold the slice */
    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        InputType out = Layout.natural(Shape.of(outputShape)).inputType();
        long rows = out.arrayElementsPerExample() / (to - from);
        if (vertexInputs.length != 1 || vertexInputs[0].arrayElementsPerExample() < rows * to) {
            throw new InvalidInputTypeException("internal: slice [" + from + ", " + to + ") of " + Arrays.toString(
                    vertexInputs) + " for output shape " + Arrays.toString(outputShape));
        }
        return out;
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = Layout.natural(Shape.of(outputShape)).inputType();
        return new LayerMemoryReport.Builder(null, LastAxisSliceVertex.class, inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "LastAxisSliceVertex([" + from + ", " + to + "), output=" + Arrays.toString(outputShape) + ")";
    }
}
