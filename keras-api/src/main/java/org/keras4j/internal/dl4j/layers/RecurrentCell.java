package org.keras4j.internal.dl4j.layers;

import static org.keras4j.internal.dl4j.layers.StepBlocks.block;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise part of one time step of a Keras recurrent cell, on the views of a
 * {@link RecurrentSteps}: given the step's pre-activations (the product of its operand
 * {@code [x, h, 1]} and the stacked parameters, in the engine's {@code z}), the new states; and
 * backwards, the pre-activations' gradients. Each cell also lays out its parameters in the
 * stacked matrix and reads their gradients back.
 *
 * <pre>{@code
 * RecurrentCell cell = RecurrentCell.create(steps);
 * cell.fillStacked(params);
 * cell.forward(t, h[t + 1], c[t + 1], true);
 * }</pre>
 */
abstract class RecurrentCell {
    final RecurrentSteps s;
    final long inputs;
    final long units;
    final GateActivation activation;
    final GateActivation recurrentActivation;
    /** Row blocks of the stacked parameters and of their gradient: inputs, state, bias (null without). */
    final INDArray rowsX;
    final INDArray rowsH;
    final INDArray rowB;
    final INDArray gradRowsX;
    final INDArray gradRowsH;
    final INDArray gradRowB;
    /** {@code [batch, units]} scratch blocks, free between calls. */
    final INDArray tmp;
    final INDArray tmp2;

    RecurrentCell(RecurrentSteps s) {
        this.s = s;
        this.inputs = s.inputs;
        this.units = s.units;
        KerasRecurrent conf = s.conf;
        this.activation = new GateActivation(conf.getActivationFn());
        this.recurrentActivation = conf.getRecurrentActivationFn() == null ? null
                : new GateActivation(conf.getRecurrentActivationFn());
        rowsX = s.stacked.get(interval(0, inputs), all());
        rowsH = s.stacked.get(interval(inputs, inputs + units), all());
        rowB = conf.isUseBias() ? s.stacked.get(interval(inputs + units, inputs + units + 1), all()) : null;
        gradRowsX = s.stackedGradient.get(interval(0, inputs), all());
        gradRowsH = s.stackedGradient.get(interval(inputs, inputs + units), all());
        gradRowB = conf.isUseBias() ? s.stackedGradient.get(interval(inputs + units, inputs + units + 1), all())
                : null;
        tmp = Nd4j.create(s.dataType, new long[] {s.batch, units}, 'f');
        tmp2 = Nd4j.create(s.dataType, new long[] {s.batch, units}, 'f');
    }

    static RecurrentCell create(RecurrentSteps s) {
        return switch (s.conf.getCell()) {
            case SIMPLE_RNN -> new SimpleRnnCell(s);
            case LSTM -> new LstmCell(s);
            case GRU -> new GruCell(s);
        };
    }

    /** Columns of the pre-activations: {@code gates * units}, and one more block for a GRU with {@code resetAfter}. */
    static long columns(KerasRecurrent conf) {
        long gates = conf.getCell().gates();
        return (conf.twoBiasRows() ? gates + 1 : gates) * conf.getNOut();
    }

    /** The pre-activation columns {@code [from, to)} whose product uses operand (gate) {@code k}. */
    static long[] operandColumns(KerasRecurrent conf, int k) {
        long u = conf.getNOut();
        boolean lastOfGru = conf.getCell() == KerasRecurrent.Cell.GRU && k == 2;
        return new long[] {k * u, lastOfGru ? columns(conf) : (k + 1) * u};
    }

    /** Whether an activation of the cell needs its pre-activation kept for its derivative. */
    static boolean keepsPreActivations(KerasRecurrent conf) {
        return new GateActivation(conf.getActivationFn()).keepsPreActivation()
                || (conf.getRecurrentActivationFn() != null
                        && new GateActivation(conf.getRecurrentActivationFn()).keepsPreActivation());
    }

    /** Blocks {@code [from, to)} (in units) of every step of a {@code [steps, columns, batch]} array, or nulls. */
    final INDArray[] blocks(INDArray stepMajor, int from, int to) {
        INDArray[] out = new INDArray[(int) s.steps];
        if (stepMajor != null) {
            for (int t = 0; t < out.length; t++) {
                out[t] = block(stepMajor, t, from * units, to * units);
            }
        }
        return out;
    }

    /** Lays out {@code W}, {@code RW} and {@code b} in the stacked parameters: their rows as they are (a GRU overrides). */
    void fillStacked(Map<String, INDArray> params) {
        rowsX.assign(params.get(KerasRecurrentParams.KERNEL));
        rowsH.assign(params.get(KerasRecurrentParams.RECURRENT_KERNEL));
        if (rowB != null) {
            rowB.assign(params.get(KerasRecurrentParams.BIAS));
        }
    }

    /** Reads the gradients of {@code W}, {@code RW} and {@code b} from the stacked gradient (and the cell's own). */
    void writeGradients(Map<String, INDArray> gradients) {
        gradients.get(KerasRecurrentParams.KERNEL).assign(gradRowsX);
        gradients.get(KerasRecurrentParams.RECURRENT_KERNEL).assign(gradRowsH);
        if (gradRowB != null) {
            gradients.get(KerasRecurrentParams.BIAS).assign(gradRowB);
        }
    }

    /** Step {@code t}: activations in place in {@code z}, the new state(s) into {@code hOut} (and {@code cOut}). */
    abstract void forward(int t, INDArray hOut, INDArray cOut, boolean training);

    /**
     * Step {@code t} backwards: from the gradients {@code dh} of {@code hOut} (and {@code dc} of
     * {@code cOut}), the pre-activations' gradients into {@code dz}; the gradient of the previous
     * cell state into {@code dcPrevious} (added to it when {@code accumulate}); terms of the
     * previous {@code h} outside the product added to {@code gHPrevious}.
     */
    abstract void backward(int t, INDArray dh, INDArray dc, INDArray dcPrevious, boolean accumulate,
                           INDArray gHPrevious, INDArray hOut, INDArray cOut);
}
