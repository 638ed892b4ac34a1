package org.keras4j.internal.dl4j.graph;

import java.util.List;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.keras4j.Shape;
import org.keras4j.layers.merging.Add;
import org.keras4j.layers.merging.Average;
import org.keras4j.layers.merging.Concatenate;
import org.keras4j.layers.merging.Dot;
import org.keras4j.layers.merging.Maximum;
import org.keras4j.layers.merging.Merge;
import org.keras4j.layers.merging.Minimum;
import org.keras4j.layers.merging.Multiply;
import org.keras4j.layers.merging.Subtract;
import org.keras4j.internal.dl4j.graph.KerasMergeVertex.Op;

/**
 * Translates keras4j's merge layers into DL4J graph vertices: one {@link KerasMergeVertex} for
 * every kind, computing in Keras's shapes whatever DL4J layouts its inputs arrive in, with its
 * output in {@link org.keras4j.internal.dl4j.Layout#natural} of the output shape.
 *
 * <pre>{@code
 * List<Shape> in = List.of(Shape.of(8, 8, 16), Shape.of(8, 8, 16));
 * graphBuilder.addVertex("add", Dl4jMergeVertices.toDl4j(new Add(), in, Shape.of(8, 8, 16)), "conv_a", "conv_b");
 * }</pre>
 */
public final class Dl4jMergeVertices {
    private Dl4jMergeVertices() {
    }

    /**
     * The vertex computing {@code layer} on inputs of these Keras sample shapes (batch excluded).
     *
     * @param outputShape the layer's output shape for {@code inputShapes}, as the model graph recorded it
     * @throws IllegalArgumentException if the layer rejects {@code inputShapes}, or its output shape
     *     for them is not {@code outputShape}
     */
    public static GraphVertex toDl4j(Merge layer, List<Shape> inputShapes, Shape outputShape) {
        Shape expected = layer.computeOutputShape(inputShapes);
        if (!expected.equals(outputShape)) {
            throw new IllegalArgumentException("internal: " + layer + " on inputs " + inputShapes + " outputs "
                    + expected + ", but the graph recorded " + outputShape);
        }
        long[][] shapes = inputShapes.stream().map(Shape::dims).toArray(long[][]::new);
        long[] out = outputShape.dims();
        if (layer instanceof Concatenate c) {
            return new KerasMergeVertex(Op.CONCATENATE, shapes, out, c.sampleAxis(inputShapes.get(0).rank()), null, false);
        }
        if (layer instanceof Dot d) {
            int[] axes = d.sampleAxes(inputShapes.get(0), inputShapes.get(1));
            return new KerasMergeVertex(Op.DOT, shapes, out, 0, axes, d.normalize());
        }
        return new KerasMergeVertex(elementwise(layer), shapes, out, 0, null, false);
    }

    private static Op elementwise(Merge layer) {
        if (layer instanceof Add) {
            return Op.ADD;
        }
        if (layer instanceof Subtract) {
            return Op.SUBTRACT;
        }
        if (layer instanceof Multiply) {
            return Op.MULTIPLY;
        }
        if (layer instanceof Average) {
            return Op.AVERAGE;
        }
        if (layer instanceof Maximum) {
            return Op.MAXIMUM;
        }
        if (layer instanceof Minimum) {
            return Op.MINIMUM;
        }
        throw new IllegalArgumentException("no DL4J translation for merge layer " + layer + " ("
                + layer.getClass().getName() + ")");
    }
}
