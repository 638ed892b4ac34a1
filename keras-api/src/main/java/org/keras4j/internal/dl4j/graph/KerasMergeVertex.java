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
 * Configuration of the DL4J graph vertex that computes Keras's merge layers ({@code Add} …
 * {@code Dot}) in Keras's shapes: it records the Keras sample shapes of its inputs and output, so
 * it reads inputs in any DL4J layout and writes its output in {@link Layout#natural}. Its runtime
 * half is {@link KerasMergeVertexImpl}; {@link Dl4jMergeVertices#toDl4j} builds it from a layer.
 *
 * <pre>{@code
 * graph.addVertex("add", Dl4jMergeVertices.toDl4j(new Add(), List.of(Shape.of(4), Shape.of(4)), Shape.of(4)), "a", "b");
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class KerasMergeVertex extends GraphVertex {
    /** The merge to compute, one per Keras layer. */
    public enum Op { ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM, CONCATENATE, DOT }

    private Op op;
    /** Keras sample shapes (batch excluded) of the inputs, in order. */
    private long[][] inputShapes;
    private long[] outputShape;
    /** CONCATENATE: the sample axis (0-based, batch excluded); unused otherwise. */
    private int axis;
    /** DOT: the sample axis of each input (0-based, batch excluded); null otherwise. */
    private int[] dotAxes;
    /** DOT: L2-normalize both inputs along their dot axes first. */
    private boolean normalize;

    /** For JSON deserialization. */
    public KerasMergeVertex() {
    }

    KerasMergeVertex(Op op, long[][] inputShapes, long[] outputShape, int axis, int[] dotAxes, boolean normalize) {
        this.op = op;
        this.inputShapes = copy(inputShapes);
        this.outputShape = outputShape.clone();
        this.axis = axis;
        this.dotAxes = dotAxes == null ? null : dotAxes.clone();
        this.normalize = normalize;
    }

    public Op op() {
        return op;
    }

    /** Keras sample shape of input {@code i}. */
    long[] inputShape(int i) {
        return inputShapes[i].clone();
    }

    int numInputs() {
        return inputShapes.length;
    }

    long[] outputShape() {
        return outputShape.clone();
    }

    int axis() {
        return axis;
    }

    int[] dotAxes() {
        return dotAxes.clone();
    }

    boolean normalize() {
        return normalize;
    }

    /** The DL4J dims (batch excluded) of the output: {@link Layout#natural} of the Keras output shape. */
    long[] outputDims() {
        return Layout.natural(Shape.of(outputShape)).dims();
    }

    @Override
    public KerasMergeVertex clone() {
        return new KerasMergeVertex(op, inputShapes, outputShape, axis, dotAxes, normalize);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasMergeVertex other && op == other.op && Arrays.deepEquals(inputShapes, other.inputShapes)
                && Arrays.equals(outputShape, other.outputShape) && axis == other.axis
                && Arrays.equals(dotAxes, other.dotAxes) && normalize == other.normalize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, Arrays.deepHashCode(inputShapes), Arrays.hashCode(outputShape), axis,
                Arrays.hashCode(dotAxes), normalize);
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    /** Built for a fixed list of inputs: exactly that many. */
    @Override
    public int minVertexInputs() {
        return inputShapes.length;
    }

    @Override
    public int maxVertexInputs() {
        return inputShapes.length;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new KerasMergeVertexImpl(graph, name, idx, this, networkDatatype);
    }

    /**
     * @throws InvalidInputTypeException if an input does not hold as many values per sample as its
     *     Keras shape (the graph was wired to the wrong vertex)
     */
    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != inputShapes.length) {
            throw new InvalidInputTypeException("internal: " + op + " merge vertex built for " + inputShapes.length
                    + " inputs, wired to " + vertexInputs.length);
        }
        for (int i = 0; i < vertexInputs.length; i++) {
            long expected = Shape.of(inputShapes[i]).size();
            if (vertexInputs[i].arrayElementsPerExample() != expected) {
                throw new InvalidInputTypeException("internal: input " + i + " of the " + op + " merge vertex is "
                        + vertexInputs[i] + ", expected " + expected + " values per sample for Keras shape "
                        + Shape.of(inputShapes[i]));
            }
        }
        return Layout.natural(Shape.of(outputShape)).inputType();
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = Layout.natural(Shape.of(outputShape)).inputType();
        return new LayerMemoryReport.Builder(null, KerasMergeVertex.class, inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "KerasMergeVertex(" + op + ", inputs=" + Arrays.deepToString(inputShapes) + ", output="
                + Arrays.toString(outputShape) + ")";
    }

    private static long[][] copy(long[][] shapes) {
        long[][] out = new long[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            out[i] = shapes[i].clone();
        }
        return out;
    }
}
