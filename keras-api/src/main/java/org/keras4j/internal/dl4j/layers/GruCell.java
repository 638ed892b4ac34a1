package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.OneMinus;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's GRU cell, gate blocks in Keras's order z, r, h: {@code h = z * h + (1 - z) * hh}.
 *
 * <p>With {@code resetAfter} (Keras's default) {@code hh = activation(x·W_h + b_h + r * (h·U_h +
 * b'_h))}: the stacked parameters get a fourth column block, {@code [W_z W_r W_h 0; U_z U_r 0 U_h;
 * b_z+b'_z b_r+b'_r b_h b'_h]}, so one product per step gives both the input and the recurrent
 * candidate terms. Without it {@code hh = activation(x·W_h + b_h + (r * h)·U_h)}: the stacked
 * product gives the input term and a second product per step adds {@code (r * h)·U_h}.
 *
 * <pre>{@code
 * RecurrentCell cell = new GruCell(steps);
 * }</pre>
 */
final class GruCell extends RecurrentCell {
    private final boolean resetAfter;
    private final INDArray[] zGate;
    private final INDArray[] rGate;
    private final INDArray[] candidate;
    /** resetAfter: {@code h·U_h + b'_h}, the recurrent term of the candidate. */
    private final INDArray[] recurrentCandidate;
    private final INDArray[] updateAndReset;
    private final INDArray[] preUpdateAndReset;
    private final INDArray[] preCandidate;
    private final INDArray[] dUpdate;
    private final INDArray[] dReset;
    private final INDArray[] dCandidate;
    private final INDArray[] dRecurrentCandidate;
    private final INDArray[] dUpdateAndReset;
    /** Without resetAfter: {@code r * h} of every step, {@code U_h} and its gradient. */
    private final INDArray[] resetState;
    private final INDArray candidateKernel;
    private final INDArray candidateKernelGradient;
    private final INDArray scratchUnits;
    private final INDArray scratchTwo;

    GruCell(RecurrentSteps s) {
        super(s);
        resetAfter = s.conf.isResetAfter();
        zGate = blocks(s.z, 0, 1);
        rGate = blocks(s.z, 1, 2);
        candidate = blocks(s.z, 2, 3);
        recurrentCandidate = resetAfter ? blocks(s.z, 3, 4) : null;
        updateAndReset = blocks(s.z, 0, 2);
        preUpdateAndReset = blocks(s.pre, 0, 2);
        preCandidate = blocks(s.pre, 2, 3);
        dUpdate = blocks(s.dz, 0, 1);
        dReset = blocks(s.dz, 1, 2);
        dCandidate = blocks(s.dz, 2, 3);
        dRecurrentCandidate = resetAfter ? blocks(s.dz, 3, 4) : null;
        dUpdateAndReset = blocks(s.dz, 0, 2);
        resetState = resetAfter ? null : blocks(Nd4j.create(s.dataType, s.steps, units, s.batch), 0, 1);
        candidateKernel = resetAfter ? null : Nd4j.create(s.dataType, new long[] {units, units}, 'f');
        candidateKernelGradient = resetAfter ? null : Nd4j.create(s.dataType, new long[] {units, units}, 'f');
        scratchUnits = s.scratch[1].get(all(), interval(0, units));
        scratchTwo = s.scratch[2].get(all(), interval(0, 2 * units));
    }

    @Override
    void fillStacked(Map<String, INDArray> params) {
        INDArray w = params.get(KerasRecurrentParams.KERNEL);
        INDArray rw = params.get(KerasRecurrentParams.RECURRENT_KERNEL);
        INDArray b = params.get(KerasRecurrentParams.BIAS);
        rowsX.get(all(), interval(0, 3 * units)).assign(w);
        rowsH.get(all(), interval(0, 2 * units)).assign(rw.get(all(), interval(0, 2 * units)));
        if (resetAfter) {
            rowsH.get(all(), interval(3 * units, 4 * units)).assign(rw.get(all(), interval(2 * units, 3 * units)));
            if (rowB != null) {
                INDArray input = b.get(interval(0, 1), all());
                INDArray recurrent = b.get(interval(1, 2), all());
                rowB.get(all(), interval(0, 2 * units)).assign(input.get(all(), interval(0, 2 * units))
                        .add(recurrent.get(all(), interval(0, 2 * units))));
                rowB.get(all(), interval(2 * units, 3 * units)).assign(input.get(all(), interval(2 * units, 3 * units)));
                rowB.get(all(), interval(3 * units, 4 * units))
                        .assign(recurrent.get(all(), interval(2 * units, 3 * units)));
            }
        } else {
            candidateKernel.assign(rw.get(all(), interval(2 * units, 3 * units)));
            if (rowB != null) {
                rowB.assign(b);
            }
        }
        // the zero blocks of the stacked matrix are never written
    }

    @Override
    void writeGradients(Map<String, INDArray> gradients) {
        INDArray dw = gradients.get(KerasRecurrentParams.KERNEL);
        INDArray drw = gradients.get(KerasRecurrentParams.RECURRENT_KERNEL);
        INDArray db = gradients.get(KerasRecurrentParams.BIAS);
        dw.assign(gradRowsX.get(all(), interval(0, 3 * units)));
        drw.get(all(), interval(0, 2 * units)).assign(gradRowsH.get(all(), interval(0, 2 * units)));
        if (resetAfter) {
            drw.get(all(), interval(2 * units, 3 * units)).assign(gradRowsH.get(all(), interval(3 * units, 4 * units)));
            if (db != null) {
                db.get(interval(0, 1), all()).assign(gradRowB.get(all(), interval(0, 3 * units)));
                db.get(interval(1, 2), interval(0, 2 * units)).assign(gradRowB.get(all(), interval(0, 2 * units)));
                db.get(interval(1, 2), interval(2 * units, 3 * units))
                        .assign(gradRowB.get(all(), interval(3 * units, 4 * units)));
            }
        } else {
            drw.get(all(), interval(2 * units, 3 * units)).assign(candidateKernelGradient);
            if (db != null) {
                db.assign(gradRowB);
            }
        }
    }

    /** The state the candidate's recurrent term multiplies: {@code h}, or {@code h} times its recurrent dropout mask. */
    private INDArray candidateOperand(int t) {
        return s.hPart[s.operandOf(2)][t];
    }

    @Override
    void forward(int t, INDArray hOut, INDArray cOut, boolean training) {
        recurrentActivation.forward(updateAndReset[t], preUpdateAndReset[t], training);
        if (resetAfter) {
            LegacyPairwise.mul(rGate[t], recurrentCandidate[t], tmp);
            LegacyPairwise.add(candidate[t], tmp, candidate[t]);
        } else {
            LegacyPairwise.mul(rGate[t], candidateOperand(t), resetState[t]);
            s.gemm.multiply(resetState[t], false, candidateKernel, false, candidate[t], 1);
        }
        activation.forward(candidate[t], preCandidate[t], training);
        // h = hh + z * (h_prev - hh)
        LegacyPairwise.sub(s.h[t], candidate[t], tmp);
        LegacyPairwise.mul(zGate[t], tmp, tmp);
        LegacyPairwise.add(candidate[t], tmp, hOut);
    }

    @Override
    void backward(int t, INDArray dh, INDArray dc, INDArray dcPrevious, boolean accumulate, INDArray gHPrevious,
                  INDArray hOut, INDArray cOut) {
        LegacyPairwise.sub(s.h[t], candidate[t], tmp);
        LegacyPairwise.mul(dh, tmp, dUpdate[t]);
        Nd4j.getExecutioner().exec(new OneMinus(zGate[t], tmp));
        LegacyPairwise.mul(dh, tmp, dCandidate[t]);
        activation.backward(candidate[t], preCandidate[t], dCandidate[t], scratchUnits);
        if (resetAfter) {
            LegacyPairwise.mul(dCandidate[t], recurrentCandidate[t], dReset[t]);
            LegacyPairwise.mul(dCandidate[t], rGate[t], dRecurrentCandidate[t]);
        } else {
            // d(r * h) = dhh_pre · U_h^T, then to r and to the state operand
            s.gemm.multiply(dCandidate[t], false, candidateKernel, true, tmp2, 0);
            s.gemm.multiply(resetState[t], true, dCandidate[t], false, candidateKernelGradient,
                    t == s.steps - 1 ? 0 : 1);
            LegacyPairwise.mul(tmp2, candidateOperand(t), dReset[t]);
            LegacyPairwise.mul(tmp2, rGate[t], tmp2);
            INDArray mask = s.recurrentMask(s.operandOf(2));
            if (mask != null) {
                LegacyPairwise.mul(tmp2, mask, tmp2);
            }
            LegacyPairwise.add(gHPrevious, tmp2, gHPrevious);
        }
        recurrentActivation.backward(updateAndReset[t], preUpdateAndReset[t], dUpdateAndReset[t], scratchTwo);
        // the direct path h = z * h_prev + ...
        LegacyPairwise.mul(dh, zGate[t], tmp);
        LegacyPairwise.add(gHPrevious, tmp, gHPrevious);
    }
}
