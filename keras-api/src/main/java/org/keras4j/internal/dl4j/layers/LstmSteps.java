package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Arrays;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.transforms.same.OneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's LSTM (tanh activation, sigmoid gates, no peepholes) over whole sequences of one shape,
 * with one matrix product per time step and direction. {@link ColumnMajorLstm} runs it for doubles;
 * floats run {@link HoistedLstmSteps}, which multiplies the input for all steps at once.
 *
 * <p>Each step {@code t} keeps a row {@code [x_t, h_(t-1), 1]} per example and multiplies it by
 * the stacked parameters {@code [W; R; b]}, so the input, recurrent and bias terms of all four
 * gates come out of one product, and the gradients of all three parameters out of one sum of
 * products. Every per-step array is a contiguous column-major {@code [batch, n]} block, so the
 * gates DL4J orders {@code [a, f, o, i]} are contiguous blocks too: one tanh for the block input,
 * one sigmoid for the three gates. The products run in OpenBLAS directly ({@link StepGemm}), the
 * element-wise products as libnd4j's legacy transforms ({@link LegacyPairwise}).
 *
 * <p>The arrays are this object's own, outside any workspace, and so are the views of each step,
 * made once: an ND4J view costs 3-12 µs to make, and a sequence of 50 steps needs about 900.
 * The outputs and the input gradient are copied out into the caller's workspaces; the caller
 * keeps one instance per input shape.
 *
 * <pre>{@code
 * LstmSteps steps = new LstmSteps(batch, timeSteps, nIn, nOut, DataType.FLOAT);
 * steps.forward(ncwInput, w, r, b);
 * INDArray h = steps.outputNcw(workspaceMgr);                // [batch, nOut, timeSteps]
 * steps.backward(epsilonNcw, wGradient, rGradient, bGradient);
 * INDArray epsilon = steps.inputGradientNcw(workspaceMgr);   // [batch, nIn, timeSteps]
 * }</pre>
 */
final class LstmSteps implements LstmPass {
    /** Above this many elements of state, the caller runs DL4J's loop instead of keeping the arrays. */
    static final long MAX_ELEMENTS = 64L << 20;

    private final long batch;
    private final long steps;
    private final long inputs;
    private final long units;
    private final DataType dataType;

    private final INDArray stacked;
    private final INDArray[] stackedParts;
    private final INDArray stackedGradient;
    private final INDArray[] stackedGradientParts;
    /** Per step, the x block, the h block and the x gradient block, as rows of {@code [steps, n * batch]} views. */
    private final INDArray xRows;
    private final INDArray hRows;
    private final INDArray dxRows;
    private final INDArray dh;
    private final Step[] step;
    // backward scratch: this and the next step's cell-state gradient, a tanh' block, the sigmoid' blocks
    private final INDArray[] dc;
    private final INDArray derivative;
    private final INDArray gateDerivatives;
    private final INDArray product;
    private final StepGemm gemm;

    /** The views of one time step, each a contiguous column-major {@code [batch, n]} block. */
    private record Step(INDArray xh, INDArray z, INDArray a, INDArray gates, INDArray f, INDArray o, INDArray i,
                        INDArray c, INDArray tanhC, INDArray hNext, INDArray dh, INDArray dxh, INDArray dhPrevious,
                        INDArray dz, INDArray da, INDArray dGates, INDArray df, INDArray dO, INDArray di) {
    }

    LstmSteps(long batch, long steps, long inputs, long units, DataType dataType) {
        this.batch = batch;
        this.steps = steps;
        this.inputs = inputs;
        this.units = units;
        this.dataType = dataType;
        long width = inputs + units + 1;
        long gates = 4 * units;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stacked = Nd4j.create(dataType, new long[] {width, gates}, 'f');
            stackedGradient = Nd4j.create(dataType, new long[] {width, gates}, 'f');
            stackedParts = rowBlocks(stacked);
            stackedGradientParts = rowBlocks(stackedGradient);
            INDArray xh = Nd4j.create(dataType, new long[] {steps + 1, width, batch}, 'c');
            INDArray z = Nd4j.create(dataType, new long[] {steps, gates, batch}, 'c');
            INDArray c = Nd4j.create(dataType, new long[] {steps, units, batch}, 'c');
            INDArray tanhC = Nd4j.create(dataType, new long[] {steps, units, batch}, 'c');
            dh = Nd4j.create(dataType, new long[] {steps, units, batch}, 'c');
            INDArray dxh = Nd4j.create(dataType, new long[] {steps, width, batch}, 'c');
            INDArray dz = Nd4j.create(dataType, new long[] {steps, gates, batch}, 'c');
            INDArray scratch = Nd4j.create(dataType, new long[] {4, units, batch}, 'c');
            INDArray xhRows = xh.reshape('c', steps + 1, width * batch);
            xRows = xhRows.get(interval(0, steps), interval(0, inputs * batch));
            hRows = xhRows.get(interval(1, steps + 1), interval(inputs * batch, (inputs + units) * batch));
            dxRows = dxh.reshape('c', steps, width * batch).get(all(), interval(0, inputs * batch));
            // h_(-1) = 0 stays as created; the column of ones multiplies the bias
            xh.get(interval(0, steps + 1), point(inputs + units), all()).assign(1);
            dc = new INDArray[] {block(scratch, 0, 0, units), block(scratch, 1, 0, units)};
            derivative = block(scratch, 2, 0, units);
            product = block(scratch, 3, 0, units);
            gateDerivatives = Nd4j.create(dataType, new long[] {3 * units, batch}, 'c').transpose();
            step = new Step[(int) steps];
            for (int t = 0; t < steps; t++) {
                step[t] = new Step(block(xh, t, 0, width), block(z, t, 0, gates), block(z, t, 0, units),
                        block(z, t, units, gates), block(z, t, units, 2 * units), block(z, t, 2 * units, 3 * units),
                        block(z, t, 3 * units, gates), block(c, t, 0, units), block(tanhC, t, 0, units),
                        block(xh, t + 1, inputs, inputs + units), block(dh, t, 0, units), block(dxh, t, 0, width),
                        block(dxh, t, inputs, inputs + units), block(dz, t, 0, gates), block(dz, t, 0, units),
                        block(dz, t, units, gates), block(dz, t, units, 2 * units), block(dz, t, 2 * units, 3 * units),
                        block(dz, t, 3 * units, gates));
            }
        }
        gemm = new StepGemm(dataType);
    }

    /** The number of elements an instance for this shape keeps. */
    static long elements(long batch, long steps, long inputs, long units) {
        long width = inputs + units + 1;
        return batch * ((2 * steps + 1) * width + steps * units * 11 + 7 * units) + 2 * width * 4 * units;
    }

    @Override
    public boolean fits(long batch, long steps, long inputs, long units, DataType dataType) {
        return this.batch == batch && this.steps == steps && this.inputs == inputs && this.units == units
                && this.dataType == dataType;
    }

    /**
     * The forward pass over {@code ncw} ({@code [batch, nIn, steps]}, any strides) with input
     * weights {@code w [nIn, 4n]}, recurrent weights {@code r [n, 4n]} and bias {@code b [1, 4n]}.
     */
    @Override
    public void forward(INDArray ncw, INDArray w, INDArray r, INDArray b) {
        stackedParts[0].assign(w);
        stackedParts[1].assign(r);
        stackedParts[2].assign(b);
        INDArray stepMajor = ncw.permute(2, 1, 0);
        if (!Arrays.equals(stepMajor.stride(), Nd4j.getStrides(stepMajor.shape(), 'c'))) {
            stepMajor = stepMajor.dup('c');
        }
        xRows.assign(stepMajor.reshape('c', steps, inputs * batch));
        for (int t = 0; t < steps; t++) {
            Step s = step[t];
            gemm.multiply(s.xh(), false, stacked, false, s.z(), 0);
            exec(new Tanh(s.a(), s.a()));
            exec(new Sigmoid(s.gates(), s.gates()));
            if (t == 0) {
                LegacyPairwise.mul(s.i(), s.a(), s.c());
            } else {
                LegacyPairwise.mul(s.f(), step[t - 1].c(), s.c());
                LegacyPairwise.mul(s.i(), s.a(), product);
                LegacyPairwise.add(s.c(), product, s.c());
            }
            exec(new Tanh(s.c(), s.tanhC()));
            LegacyPairwise.mul(s.o(), s.tanhC(), s.hNext());
        }
    }

    /** The outputs {@code h} of the last forward pass, {@code [batch, n, steps]} column-major, in {@code ACTIVATIONS}. */
    @Override
    public INDArray outputNcw(LayerWorkspaceMgr mgr) {
        return copyOut(hRows, units, mgr, ArrayType.ACTIVATIONS);
    }

    /**
     * The backward pass of the last forward pass for {@code epsilonNcw} ({@code [batch, n, steps]},
     * any strides); writes the gradients of {@code W}, {@code R} and {@code b} into the three arrays.
     */
    @Override
    public void backward(INDArray epsilonNcw, INDArray wGradient, INDArray rGradient, INDArray bGradient) {
        dh.assign(epsilonNcw.permute(2, 1, 0));
        for (int t = (int) steps - 1; t >= 0; t--) {
            Step s = step[t];
            INDArray cellGradient = dc[t % 2];
            if (t < steps - 1) {
                LegacyPairwise.add(s.dh(), step[t + 1].dhPrevious(), s.dh());
            }
            LegacyPairwise.mul(s.dh(), s.tanhC(), s.dO());
            exec(new Square(s.tanhC(), derivative));
            exec(new OneMinus(derivative, derivative));
            LegacyPairwise.mul(derivative, s.o(), derivative);
            LegacyPairwise.mul(derivative, s.dh(), cellGradient);
            if (t < steps - 1) {
                LegacyPairwise.mul(dc[(t + 1) % 2], step[t + 1].f(), derivative);
                LegacyPairwise.add(cellGradient, derivative, cellGradient);
            }
            LegacyPairwise.mul(cellGradient, s.i(), s.da());
            LegacyPairwise.mul(cellGradient, s.a(), s.di());
            if (t > 0) {
                LegacyPairwise.mul(cellGradient, step[t - 1].c(), s.df());
            } else {
                s.df().assign(0);
            }
            exec(new TimesOneMinus(s.gates(), gateDerivatives));
            LegacyPairwise.mul(s.dGates(), gateDerivatives, s.dGates());
            exec(new Square(s.a(), derivative));
            exec(new OneMinus(derivative, derivative));
            LegacyPairwise.mul(s.da(), derivative, s.da());

            gemm.multiply(s.dz(), false, stacked, true, s.dxh(), 0);
            gemm.multiply(s.xh(), true, s.dz(), false, stackedGradient, t == steps - 1 ? 0 : 1);
        }
        wGradient.assign(stackedGradientParts[0]);
        rGradient.assign(stackedGradientParts[1]);
        bGradient.assign(stackedGradientParts[2]);
    }

    /** The input gradient of the last backward pass, {@code [batch, nIn, steps]} column-major, in {@code ACTIVATION_GRAD}. */
    @Override
    public INDArray inputGradientNcw(LayerWorkspaceMgr mgr) {
        return copyOut(dxRows, inputs, mgr, ArrayType.ACTIVATION_GRAD);
    }

    /** {@code rows} ({@code [steps, n * batch]}) into a new {@code [batch, n, steps]} column-major array: one 2-D copy. */
    private INDArray copyOut(INDArray rows, long n, LayerWorkspaceMgr mgr, ArrayType type) {
        INDArray stepMajor = mgr.createUninitialized(type, dataType, new long[] {steps, n, batch}, 'c');
        stepMajor.reshape('c', steps, n * batch).assign(rows);
        return stepMajor.permute(2, 1, 0);
    }

    private INDArray[] rowBlocks(INDArray stackedArray) {
        return new INDArray[] {stackedArray.get(interval(0, inputs), all()),
                stackedArray.get(interval(inputs, inputs + units), all()),
                stackedArray.get(interval(inputs + units, inputs + units + 1), all())};
    }

    private static INDArray block(INDArray stepMajor, long t, long from, long to) {
        return StepBlocks.block(stepMajor, t, from, to);
    }

    private static void exec(Op op) {
        Nd4j.getExecutioner().exec(op);
    }
}
