package org.keras4j.internal.dl4j.layers;

import static org.keras4j.internal.dl4j.layers.StepBlocks.block;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.api.ops.impl.transforms.same.OneMinus;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward and backward passes of a {@link KerasRecurrent} layer over sequences of one shape,
 * with Keras's semantics: processing order ({@code goBackwards}), masks, dropout masks drawn once
 * per call, initial and final states.
 *
 * <p>Each step {@code t} keeps a row {@code [x_t, h_(t-1), 1]} per example (the operand) and
 * multiplies it by the stacked parameters {@code [W; U; b]} the cell lays out
 * ({@link RecurrentCell#fillStacked}), so the input, recurrent and bias terms of every gate come
 * out of one product per step, and the gradients of all parameters out of one sum of products,
 * as in {@link LstmSteps}. Keras's recurrent dropout drops different state units for each gate:
 * then each gate has its own operand and product. The arrays are this object's own, outside any
 * workspace, with the views of each step made once ({@link StepBlocks}); outputs and gradients
 * are copied into the caller's arrays.
 *
 * <p>Masks follow Keras's TensorFlow and PyTorch backends: at a masked step the states keep
 * their previous values and the output is the previous step's output (zeros before the first
 * unmasked step), or zeros with {@code zeroOutputForMask}.
 *
 * <pre>{@code
 * RecurrentSteps steps = new RecurrentSteps(conf, batch, timeSteps, DataType.FLOAT);
 * steps.forward(x, mask, new INDArray[] {h0}, params, true);
 * steps.writeSequence(output);                                   // [batch, time, units]
 * steps.backward(epsilon, null, gradients);
 * steps.writeInputGradient(dx);                                  // [batch, time, features]
 * }</pre>
 */
final class RecurrentSteps {
    final KerasRecurrent conf;
    final long batch;
    final long steps;
    final long inputs;
    final long units;
    final DataType dataType;
    final int states;
    /** Columns of the stacked parameters: the cell's pre-activation blocks. */
    final long columns;
    /** Rows of an operand: features, units and, with a bias, a column of ones. */
    final long width;
    /** Operands (and products) per step when recurrent dropout is active: one per gate. */
    private final int maxOperands;
    /** Without recurrent dropout, the carried state {@code h} is the operand's state block itself. */
    private final boolean stateIsOperand;

    final StepGemm gemm;
    final INDArray stacked;
    final INDArray stackedGradient;
    private final INDArray[] stackedColumns;
    private final INDArray[] stackedGradientColumns;
    private final INDArray[] operand;
    private final INDArray[] operandGradient;
    private final INDArray[] inputRows;
    private final INDArray[] inputGradientRows;
    /** Pre-activations {@code [steps, columns, batch]}; the cell applies the activations in place. */
    final INDArray z;
    final INDArray dz;
    /** Pre-activations kept for activations whose derivative needs them, or null. */
    final INDArray pre;
    private final INDArray stateSequence;
    private final INDArray hRows;
    private final INDArray gH;
    private final INDArray gHRows;
    /** LSTM: cell states {@code [steps + 1, units, batch]}, step 0 the initial one. */
    private final INDArray c;

    // per-step views, [operand][step] or [step]
    final INDArray[][] xh;
    private final INDArray[][] xPart;
    /** The state block of each operand: {@code h_(t-1)}, or {@code h_(t-1)} times a recurrent dropout mask. */
    final INDArray[][] hPart;
    private final INDArray[][] dxh;
    private final INDArray[][] dxPart;
    private final INDArray[][] dhPart;
    final INDArray[] zStep;
    final INDArray[] dzStep;
    private final INDArray[][] zColumns;
    private final INDArray[][] dzColumns;
    /** Carried states, {@code h[t]} before step {@code t}, {@code h[steps]} the final one. */
    final INDArray[] h;
    final INDArray[] cell;
    private final INDArray[] gHStep;
    private final INDArray[] dcRun;
    /** Scratch blocks {@code [batch, columns]} for the cells. */
    final INDArray[] scratch;
    private final INDArray tmpUnits;
    private final INDArray tmpInputs;

    private final RecurrentCell stepMath;

    // allocated on first use: masks, dropout masks, reversal buffers
    private Masked masked;
    private INDArray[] inputDropMask;
    private INDArray[] inputDropMaskT;
    private INDArray[] recurrentDropMask;
    private INDArray[] recurrentDropMaskT;
    private INDArray reversedInput;

    // the last forward pass
    private boolean maskedPass;
    private int activeOperands;
    private boolean inputDropped;
    private boolean recurrentDropped;

    /** The arrays masked sequences need, per step: the mask tiled over the units, new and output states. */
    private final class Masked {
        final INDArray m;
        final INDArray mInv;
        final INDArray out;
        final INDArray gO;
        final INDArray[] mStep;
        final INDArray[] mInvStep;
        final INDArray[] hNew;
        final INDArray[] cNew;
        final INDArray[] outStep;
        final INDArray[] gOStep;
        final INDArray dhNew;

        Masked() {
            m = Nd4j.create(dataType, steps, units, batch);
            mInv = Nd4j.create(dataType, steps, units, batch);
            out = Nd4j.create(dataType, steps, units, batch);
            gO = Nd4j.create(dataType, steps, units, batch);
            INDArray hNewAll = Nd4j.create(dataType, steps, units, batch);
            INDArray cNewAll = states == 2 ? Nd4j.create(dataType, steps, units, batch) : null;
            mStep = new INDArray[(int) steps];
            mInvStep = new INDArray[(int) steps];
            hNew = new INDArray[(int) steps];
            cNew = new INDArray[(int) steps];
            outStep = new INDArray[(int) steps];
            gOStep = new INDArray[(int) steps];
            for (int t = 0; t < steps; t++) {
                mStep[t] = block(m, t, 0, units);
                mInvStep[t] = block(mInv, t, 0, units);
                hNew[t] = block(hNewAll, t, 0, units);
                cNew[t] = cNewAll == null ? null : block(cNewAll, t, 0, units);
                outStep[t] = block(out, t, 0, units);
                gOStep[t] = block(gO, t, 0, units);
            }
            dhNew = block(Nd4j.create(dataType, 1, units, batch), 0, 0, units);
        }
    }

    RecurrentSteps(KerasRecurrent conf, long batch, long steps, DataType dataType) {
        this.conf = conf;
        this.batch = batch;
        this.steps = steps;
        this.inputs = conf.getNIn();
        this.units = conf.getNOut();
        this.dataType = dataType;
        this.states = conf.getCell().states();
        int gates = conf.getCell().gates();
        this.columns = RecurrentCell.columns(conf);
        this.width = inputs + units + (conf.isUseBias() ? 1 : 0);
        this.maxOperands = conf.getRecurrentDropout() > 0 && gates > 1 ? gates : 1;
        this.stateIsOperand = conf.getRecurrentDropout() == 0;
        this.gemm = new StepGemm(dataType);
        int n = (int) steps;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stacked = Nd4j.create(dataType, new long[] {width, columns}, 'f');
            stackedGradient = Nd4j.create(dataType, new long[] {width, columns}, 'f');
            operand = new INDArray[maxOperands];
            operandGradient = new INDArray[maxOperands];
            inputRows = new INDArray[maxOperands];
            inputGradientRows = new INDArray[maxOperands];
            stackedColumns = new INDArray[maxOperands];
            stackedGradientColumns = new INDArray[maxOperands];
            xh = new INDArray[maxOperands][n + 1];
            xPart = new INDArray[maxOperands][n];
            hPart = new INDArray[maxOperands][n + 1];
            dxh = new INDArray[maxOperands][n];
            dxPart = new INDArray[maxOperands][n];
            dhPart = new INDArray[maxOperands][n];
            for (int k = 0; k < maxOperands; k++) {
                operand[k] = Nd4j.create(dataType, steps + 1, width, batch);
                operandGradient[k] = Nd4j.create(dataType, steps, width, batch);
                if (conf.isUseBias()) {
                    operand[k].get(all(), point(inputs + units), all()).assign(1);
                }
                inputRows[k] = operand[k].get(interval(0, steps), interval(0, inputs), all());
                inputGradientRows[k] = operandGradient[k].get(all(), interval(0, inputs), all());
                long[] cols = maxOperands == 1 ? new long[] {0, columns} : RecurrentCell.operandColumns(conf, k);
                stackedColumns[k] = stacked.get(all(), interval(cols[0], cols[1]));
                stackedGradientColumns[k] = stackedGradient.get(all(), interval(cols[0], cols[1]));
                for (int t = 0; t <= n; t++) {
                    xh[k][t] = block(operand[k], t, 0, width);
                    hPart[k][t] = block(operand[k], t, inputs, inputs + units);
                    if (t < n) {
                        xPart[k][t] = block(operand[k], t, 0, inputs);
                        dxh[k][t] = block(operandGradient[k], t, 0, width);
                        dxPart[k][t] = block(operandGradient[k], t, 0, inputs);
                        dhPart[k][t] = block(operandGradient[k], t, inputs, inputs + units);
                    }
                }
            }
            z = Nd4j.create(dataType, steps, columns, batch);
            dz = Nd4j.create(dataType, steps, columns, batch);
            pre = RecurrentCell.keepsPreActivations(conf) ? Nd4j.create(dataType, steps, columns, batch) : null;
            zStep = new INDArray[n];
            dzStep = new INDArray[n];
            zColumns = new INDArray[maxOperands][n];
            dzColumns = new INDArray[maxOperands][n];
            for (int t = 0; t < n; t++) {
                zStep[t] = block(z, t, 0, columns);
                dzStep[t] = block(dz, t, 0, columns);
                for (int k = 0; k < maxOperands; k++) {
                    long[] cols = maxOperands == 1 ? new long[] {0, columns} : RecurrentCell.operandColumns(conf, k);
                    zColumns[k][t] = block(z, t, cols[0], cols[1]);
                    dzColumns[k][t] = block(dz, t, cols[0], cols[1]);
                }
            }
            // views of views lose their shape or buffer in ND4J: every view indexes its owning array
            stateSequence = stateIsOperand ? null : Nd4j.create(dataType, steps + 1, units, batch);
            hRows = stateIsOperand ? operand[0].get(interval(1, steps + 1), interval(inputs, inputs + units), all())
                    : stateSequence.get(interval(1, steps + 1), all(), all());
            gH = Nd4j.create(dataType, steps + 1, units, batch);
            gHRows = gH.get(interval(1, steps + 1), all(), all());
            c = states == 2 ? Nd4j.create(dataType, steps + 1, units, batch) : null;
            h = new INDArray[n + 1];
            cell = new INDArray[n + 1];
            gHStep = new INDArray[n + 1];
            for (int t = 0; t <= n; t++) {
                h[t] = stateIsOperand ? hPart[0][t] : block(stateSequence, t, 0, units);
                gHStep[t] = block(gH, t, 0, units);
                cell[t] = c == null ? null : block(c, t, 0, units);
            }
            INDArray scratchAll = Nd4j.create(dataType, 3, columns, batch);
            scratch = new INDArray[3];
            for (int i = 0; i < scratch.length; i++) {
                scratch[i] = block(scratchAll, i, 0, columns);
            }
            INDArray unitsScratch = Nd4j.create(dataType, 3, units, batch);
            tmpUnits = block(unitsScratch, 0, 0, units);
            dcRun = states == 2 ? new INDArray[] {block(unitsScratch, 1, 0, units), block(unitsScratch, 2, 0, units)}
                    : null;
            tmpInputs = block(Nd4j.create(dataType, 1, inputs, batch), 0, 0, inputs);
            stepMath = RecurrentCell.create(this);
        }
    }

    boolean fits(long batch, long steps, DataType dataType) {
        return this.batch == batch && this.steps == steps && this.dataType == dataType;
    }

    /**
     * The forward pass.
     *
     * @param x {@code [batch, steps, inputs]}, in time order, any strides
     * @param mask {@code [batch, steps]} of 0 and 1, or null
     * @param initial the initial states {@code [batch, units]} ({@code h}, then {@code c}), or null for zeros
     * @param params the layer's {@code W}, {@code RW}, {@code b}
     */
    void forward(INDArray x, INDArray mask, INDArray[] initial, Map<String, INDArray> params, boolean training) {
        stepMath.fillStacked(params);
        inputDropped = training && conf.getDropout() > 0;
        recurrentDropped = training && conf.getRecurrentDropout() > 0;
        activeOperands = recurrentDropped ? maxOperands : 1;
        if (inputDropped) {
            drawInputMasks();
        }
        if (recurrentDropped) {
            drawRecurrentMasks();
        }
        INDArray ordered = x.castTo(dataType);
        if (conf.isGoBackwards()) {
            if (reversedInput == null) {
                reversedInput = outside(() -> Nd4j.create(dataType, batch, steps, inputs));
            }
            Nd4j.exec(new Reverse(ordered, reversedInput, 1));
            ordered = reversedInput;
        }
        INDArray stepMajor = ordered.permute(1, 2, 0);
        for (int k = 0; k < activeOperands; k++) {
            inputRows[k].assign(stepMajor);
            if (inputDropped) {
                for (int t = 0; t < steps; t++) {
                    LegacyPairwise.mul(xPart[k][t], inputDropMaskT[k], xPart[k][t]);
                }
            }
        }
        maskedPass = mask != null;
        if (maskedPass) {
            prepareMask(mask);
        }
        setInitial(h[0], initial == null ? null : initial[0]);
        if (states == 2) {
            setInitial(cell[0], initial == null ? null : initial[1]);
        }
        for (int t = 0; t < steps; t++) {
            fillOperands(t);
            if (activeOperands == 1) {
                gemm.multiply(xh[0][t], false, stacked, false, zStep[t], 0);
            } else {
                for (int k = 0; k < activeOperands; k++) {
                    gemm.multiply(xh[k][t], false, stackedColumns[k], false, zColumns[k][t], 0);
                }
            }
            INDArray hOut = maskedPass ? masked.hNew[t] : h[t + 1];
            INDArray cOut = states == 2 ? (maskedPass ? masked.cNew[t] : cell[t + 1]) : null;
            stepMath.forward(t, hOut, cOut, training);
            if (maskedPass) {
                blend(t);
            }
        }
    }

    /** The operand of the gate blocks of {@code k} (0 without recurrent dropout), for the cells. */
    int operandOf(int k) {
        return activeOperands == 1 ? 0 : k;
    }

    /** The recurrent dropout mask of operand {@code k} ({@code [batch, units]}), or null when none is active. */
    INDArray recurrentMask(int k) {
        return recurrentDropped ? recurrentDropMaskT[k] : null;
    }

    /** Writes the state rows of the operands of step {@code t}: {@code h[t]}, times the recurrent dropout masks. */
    private void fillOperands(int t) {
        for (int k = 0; k < activeOperands; k++) {
            if (recurrentDropped) {
                LegacyPairwise.mul(h[t], recurrentDropMaskT[k], hPart[k][t]);
            } else if (!stateIsOperand) {
                hPart[k][t].assign(h[t]);
            }
        }
    }

    private void setInitial(INDArray state, INDArray value) {
        if (value == null) {
            state.assign(0);
        } else {
            state.assign(value.castTo(dataType));
        }
    }

    /** Masked step: {@code h = m * hNew + (1 - m) * h_prev}, the same for {@code c}, and the output. */
    private void blend(int t) {
        INDArray tmp = tmpUnits;
        INDArray m = masked.mStep[t];
        INDArray mInv = masked.mInvStep[t];
        LegacyPairwise.mul(masked.hNew[t], m, h[t + 1]);
        LegacyPairwise.mul(h[t], mInv, tmp);
        LegacyPairwise.add(h[t + 1], tmp, h[t + 1]);
        if (states == 2) {
            LegacyPairwise.mul(masked.cNew[t], m, cell[t + 1]);
            LegacyPairwise.mul(cell[t], mInv, tmp);
            LegacyPairwise.add(cell[t + 1], tmp, cell[t + 1]);
        }
        LegacyPairwise.mul(masked.hNew[t], m, masked.outStep[t]);
        if (!conf.isZeroOutputForMask() && t > 0) {
            LegacyPairwise.mul(masked.outStep[t - 1], mInv, tmp);
            LegacyPairwise.add(masked.outStep[t], tmp, masked.outStep[t]);
        }
    }

    private void prepareMask(INDArray mask) {
        if (masked == null) {
            masked = outside(Masked::new);
        }
        INDArray m = mask.castTo(dataType);
        if (conf.isGoBackwards()) {
            INDArray reversed = Nd4j.create(dataType, batch, steps);
            Nd4j.exec(new Reverse(m, reversed, 1));
            m = reversed;
        }
        INDArray stepMajor = m.transpose().dup('c').reshape('c', steps, 1, batch);
        masked.m.assign(stepMajor.broadcast(steps, units, batch));
        Nd4j.getExecutioner().exec(new OneMinus(masked.m, masked.mInv));
    }

    /** Keras's dropout mask: each unit kept with probability {@code 1 - rate}, scaled by {@code 1 / (1 - rate)}. */
    private static void draw(INDArray target, double rate) {
        INDArray keep = Nd4j.rand(target.dataType(), target.shape()).gte(rate).castTo(target.dataType());
        target.assign(keep.muli(1.0 / (1.0 - rate)));
    }

    private void drawInputMasks() {
        if (inputDropMask == null) {
            inputDropMask = new INDArray[maxOperands];
            inputDropMaskT = new INDArray[maxOperands];
            outside(() -> {
                for (int k = 0; k < maxOperands; k++) {
                    inputDropMask[k] = Nd4j.create(dataType, inputs, batch);
                    inputDropMaskT[k] = inputDropMask[k].transpose();
                }
                return null;
            });
        }
        for (int k = 0; k < activeOperands; k++) {
            draw(inputDropMask[k], conf.getDropout());
        }
    }

    private void drawRecurrentMasks() {
        if (recurrentDropMask == null) {
            recurrentDropMask = new INDArray[maxOperands];
            recurrentDropMaskT = new INDArray[maxOperands];
            outside(() -> {
                for (int k = 0; k < maxOperands; k++) {
                    recurrentDropMask[k] = Nd4j.create(dataType, units, batch);
                    recurrentDropMaskT[k] = recurrentDropMask[k].transpose();
                }
                return null;
            });
        }
        for (int k = 0; k < activeOperands; k++) {
            draw(recurrentDropMask[k], conf.getRecurrentDropout());
        }
    }

    /** Every step's output of the last forward pass, in processing order, into {@code target [batch, steps, units]}. */
    void writeSequence(INDArray target) {
        target.permute(1, 2, 0).assign(maskedPass ? masked.out : hRows);
    }

    /** The last step's output of the last forward pass into {@code target [batch, units]}. */
    void writeLast(INDArray target) {
        target.assign(maskedPass ? masked.outStep[(int) steps - 1] : h[(int) steps]);
    }

    /** Final state {@code s} ({@code h}, then {@code c}) of the last forward pass into {@code target [batch, units]}. */
    void writeState(int s, INDArray target) {
        target.assign(s == 0 ? h[(int) steps] : cell[(int) steps]);
    }

    /**
     * The backward pass of the last forward pass.
     *
     * @param epsilon the output's gradient, {@code [batch, steps, units]} with {@code returnSequences},
     *     else {@code [batch, units]}
     * @param stateEpsilon the final states' gradients {@code [batch, units]}, or null
     * @param gradients the layer's gradient views {@code W}, {@code RW}, {@code b}, written
     */
    void backward(INDArray epsilon, INDArray[] stateEpsilon, Map<String, INDArray> gradients) {
        int last = (int) steps - 1;
        gH.assign(0);
        INDArray outputGradient = maskedPass ? masked.gO : gHRows;
        if (conf.isReturnSequences()) {
            outputGradient.assign(epsilon.castTo(dataType).permute(1, 2, 0));
        } else {
            if (maskedPass) {
                masked.gO.assign(0);
            }
            (maskedPass ? masked.gOStep[last] : gHStep[last + 1]).assign(epsilon.castTo(dataType));
        }
        if (stateEpsilon != null && stateEpsilon[0] != null) {
            gHStep[last + 1].addi(stateEpsilon[0].castTo(dataType));
        }
        if (states == 2) {
            if (stateEpsilon != null && stateEpsilon.length > 1 && stateEpsilon[1] != null) {
                dcRun[(last + 1) % 2].assign(stateEpsilon[1].castTo(dataType));
            } else {
                dcRun[(last + 1) % 2].assign(0);
            }
        }
        INDArray tmp = tmpUnits;
        for (int t = last; t >= 0; t--) {
            INDArray dh = gHStep[t + 1];
            INDArray dc = states == 2 ? dcRun[(t + 1) % 2] : null;
            INDArray dcPrevious = states == 2 ? dcRun[t % 2] : null;
            if (maskedPass) {
                INDArray m = masked.mStep[t];
                INDArray mInv = masked.mInvStep[t];
                if (t < last && !conf.isZeroOutputForMask()) {
                    LegacyPairwise.mul(masked.gOStep[t + 1], masked.mInvStep[t + 1], tmp);
                    LegacyPairwise.add(masked.gOStep[t], tmp, masked.gOStep[t]);
                }
                LegacyPairwise.add(gHStep[t + 1], masked.gOStep[t], masked.dhNew);
                LegacyPairwise.mul(masked.dhNew, m, masked.dhNew);
                // the carried state passes its gradient through a masked step
                LegacyPairwise.mul(gHStep[t + 1], mInv, tmp);
                LegacyPairwise.add(gHStep[t], tmp, gHStep[t]);
                dh = masked.dhNew;
                if (states == 2) {
                    // dcRun[t % 2] is free until the cell writes it: it holds the carried part meanwhile
                    LegacyPairwise.mul(dc, mInv, dcPrevious);
                    LegacyPairwise.mul(dc, m, dc);
                }
            }
            INDArray hOut = maskedPass ? masked.hNew[t] : h[t + 1];
            INDArray cOut = states == 2 ? (maskedPass ? masked.cNew[t] : cell[t + 1]) : null;
            stepMath.backward(t, dh, dc, dcPrevious, maskedPass, gHStep[t], hOut, cOut);
            double beta = t == last ? 0 : 1;
            if (activeOperands == 1) {
                gemm.multiply(dzStep[t], false, stacked, true, dxh[0][t], 0);
                gemm.multiply(xh[0][t], true, dzStep[t], false, stackedGradient, beta);
            } else {
                for (int k = 0; k < activeOperands; k++) {
                    gemm.multiply(dzColumns[k][t], false, stackedColumns[k], true, dxh[k][t], 0);
                    gemm.multiply(xh[k][t], true, dzColumns[k][t], false, stackedGradientColumns[k], beta);
                }
            }
            for (int k = 0; k < activeOperands; k++) {
                if (recurrentDropped) {
                    LegacyPairwise.mul(dhPart[k][t], recurrentDropMaskT[k], tmp);
                    LegacyPairwise.add(gHStep[t], tmp, gHStep[t]);
                } else {
                    LegacyPairwise.add(gHStep[t], dhPart[k][t], gHStep[t]);
                }
            }
        }
        stepMath.writeGradients(gradients);
        if (inputDropped || activeOperands > 1) {
            for (int t = 0; t <= last; t++) {
                if (inputDropped) {
                    LegacyPairwise.mul(dxPart[0][t], inputDropMaskT[0], dxPart[0][t]);
                }
                for (int k = 1; k < activeOperands; k++) {
                    INDArray part = dxPart[k][t];
                    if (inputDropped) {
                        LegacyPairwise.mul(dxPart[k][t], inputDropMaskT[k], tmpInputs);
                        part = tmpInputs;
                    }
                    LegacyPairwise.add(dxPart[0][t], part, dxPart[0][t]);
                }
            }
        }
    }

    /** The input gradient of the last backward pass, in time order, into {@code target [batch, steps, inputs]}. */
    void writeInputGradient(INDArray target) {
        if (!conf.isGoBackwards()) {
            target.permute(1, 2, 0).assign(inputGradientRows[0]);
            return;
        }
        reversedInput.permute(1, 2, 0).assign(inputGradientRows[0]);
        Nd4j.exec(new Reverse(reversedInput, target, 1));
    }

    /** The gradient of initial state {@code s} of the last backward pass into {@code target [batch, units]}. */
    void writeInitialStateGradient(int s, INDArray target) {
        target.assign(s == 0 ? gHStep[0] : dcRun[0]);
    }

    private static <T> T outside(java.util.function.Supplier<T> make) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return make.get();
        }
    }
}
