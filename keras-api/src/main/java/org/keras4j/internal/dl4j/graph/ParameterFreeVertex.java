package org.keras4j.internal.dl4j.graph;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What keras4j's running graph vertices without parameters share ({@link KerasMergeVertexImpl},
 * {@link LastAxisSliceVertexImpl}): no layer, and no gradient view to take.
 *
 * <pre>{@code
 * final class MyVertexImpl extends ParameterFreeVertex { ... doForward, doBackward, feedForwardMaskArrays ... }
 * }</pre>
 */
abstract class ParameterFreeVertex extends BaseGraphVertex {

    ParameterFreeVertex(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
        super(graph, name, vertexIndex, null, null, dataType);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("internal: " + this + " has no parameters, got a gradient view");
        }
    }
}
