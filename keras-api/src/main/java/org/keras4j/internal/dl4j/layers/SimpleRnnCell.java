package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's SimpleRNN cell: {@code h = activation(x·W + h·U + b)}. The pre-activation stays in the
 * engine's {@code z}; the activation is written straight into the new state.
 *
 * <pre>{@code
 * RecurrentCell cell = new SimpleRnnCell(steps);
 * }</pre>
 */
final class SimpleRnnCell extends RecurrentCell {
    private final INDArray scratch;

    SimpleRnnCell(RecurrentSteps s) {
        super(s);
        scratch = s.scratch[1].get(all(), interval(0, units));
    }

    @Override
    void forward(int t, INDArray hOut, INDArray cOut, boolean training) {
        activation.forwardInto(s.zStep[t], hOut, training);
    }

    @Override
    void backward(int t, INDArray dh, INDArray dc, INDArray dcPrevious, boolean accumulate, INDArray gHPrevious,
                  INDArray hOut, INDArray cOut) {
        INDArray dz = s.dzStep[t];
        dz.assign(dh);
        activation.backward(hOut, s.zStep[t], dz, scratch);
    }
}
