package org.keras4j.internal.dl4j.graph;

import java.util.List;
import org.keras4j.Shape;
import org.keras4j.layers.merging.Merge;

/** Placeholder until the merge vertex lands (replaced by the merge-layers branch). */
public final class Dl4jMergeVertices {
    private Dl4jMergeVertices() {
    }

    public static org.deeplearning4j.nn.conf.graph.GraphVertex toDl4j(Merge layer, List<Shape> inputShapes,
                                                                      Shape outputShape) {
        throw new UnsupportedOperationException(layer + " has no DL4J vertex yet");
    }
}
