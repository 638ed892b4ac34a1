package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A network's flattened gradient for one batch; its score is then {@code net.score()}. */
final class NetworkGradient {

    private NetworkGradient() {
    }

    static INDArray of(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.gradient().gradient();
    }
}
