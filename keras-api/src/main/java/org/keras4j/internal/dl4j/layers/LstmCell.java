package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's LSTM cell, gate blocks in Keras's order i, f, c, o:
 * {@code c = f * c + i * activation(g)}, {@code h = o * activation(c)}, the gates through the
 * recurrent activation. Keeps {@code activation(c)} of every step for the backward pass.
 *
 * <pre>{@code
 * RecurrentCell cell = new LstmCell(steps);
 * }</pre>
 */
final class LstmCell extends RecurrentCell {
    private final INDArray[] i;
    private final INDArray[] f;
    private final INDArray[] g;
    private final INDArray[] o;
    private final INDArray[] inputAndForget;
    private final INDArray[] preG;
    private final INDArray[] preO;
    private final INDArray[] preInputAndForget;
    private final INDArray[] di;
    private final INDArray[] df;
    private final INDArray[] dg;
    private final INDArray[] dO;
    private final INDArray[] dInputAndForget;
    private final INDArray[] activationC;
    private final INDArray scratchUnits;
    private final INDArray scratchTwo;
    private final INDArray dcTotal;

    LstmCell(RecurrentSteps s) {
        super(s);
        i = blocks(s.z, 0, 1);
        f = blocks(s.z, 1, 2);
        g = blocks(s.z, 2, 3);
        o = blocks(s.z, 3, 4);
        inputAndForget = blocks(s.z, 0, 2);
        preInputAndForget = blocks(s.pre, 0, 2);
        preG = blocks(s.pre, 2, 3);
        preO = blocks(s.pre, 3, 4);
        di = blocks(s.dz, 0, 1);
        df = blocks(s.dz, 1, 2);
        dg = blocks(s.dz, 2, 3);
        dO = blocks(s.dz, 3, 4);
        dInputAndForget = blocks(s.dz, 0, 2);
        activationC = blocks(Nd4j.create(s.dataType, s.steps, units, s.batch), 0, 1);
        scratchUnits = s.scratch[1].get(all(), interval(0, units));
        scratchTwo = s.scratch[2].get(all(), interval(0, 2 * units));
        dcTotal = Nd4j.create(s.dataType, new long[] {s.batch, units}, 'f');
    }

    @Override
    void forward(int t, INDArray hOut, INDArray cOut, boolean training) {
        recurrentActivation.forward(inputAndForget[t], preInputAndForget[t], training);
        recurrentActivation.forward(o[t], preO[t], training);
        activation.forward(g[t], preG[t], training);
        LegacyPairwise.mul(f[t], s.cell[t], cOut);
        LegacyPairwise.mul(i[t], g[t], tmp);
        LegacyPairwise.add(cOut, tmp, cOut);
        activation.forwardInto(cOut, activationC[t], training);
        LegacyPairwise.mul(o[t], activationC[t], hOut);
    }

    @Override
    void backward(int t, INDArray dh, INDArray dc, INDArray dcPrevious, boolean accumulate, INDArray gHPrevious,
                  INDArray hOut, INDArray cOut) {
        // output gate
        LegacyPairwise.mul(dh, activationC[t], dO[t]);
        recurrentActivation.backward(o[t], preO[t], dO[t], scratchUnits);
        // the cell state: from h through activation(c), and from the next step
        LegacyPairwise.mul(dh, o[t], dcTotal);
        activation.backward(activationC[t], cOut, dcTotal, scratchUnits);
        LegacyPairwise.add(dcTotal, dc, dcTotal);
        LegacyPairwise.mul(dcTotal, g[t], di[t]);
        LegacyPairwise.mul(dcTotal, s.cell[t], df[t]);
        recurrentActivation.backward(inputAndForget[t], preInputAndForget[t], dInputAndForget[t], scratchTwo);
        LegacyPairwise.mul(dcTotal, i[t], dg[t]);
        activation.backward(g[t], preG[t], dg[t], scratchUnits);
        if (accumulate) {
            LegacyPairwise.mul(dcTotal, f[t], tmp);
            LegacyPairwise.add(dcPrevious, tmp, dcPrevious);
        } else {
            LegacyPairwise.mul(dcTotal, f[t], dcPrevious);
        }
    }
}
