package org.keras4j.internal.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An output layer's training-mode activations, recomputed from the input it stored during the
 * step: DL4J computes the loss without keeping them, and keras4j's training metrics need them.
 *
 * <pre>{@code
 * INDArray outputs = OutputActivations.training(network.getOutputLayer());
 * }</pre>
 */
final class OutputActivations {
    private OutputActivations() {
    }

    /** Detached from any workspace. */
    static INDArray training(Layer out) {
        // sample weights travel as DL4J's label mask, which would also scale these outputs
        INDArray mask = out.getMaskArray();
        out.setMaskArray(null);
        try {
            return out.activate(true, LayerWorkspaceMgr.noWorkspaces()).detach();
        } finally {
            out.setMaskArray(mask);
        }
    }
}
