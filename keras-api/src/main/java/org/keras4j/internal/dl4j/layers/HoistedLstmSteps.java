package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's LSTM (tanh, sigmoid gates, no peepholes) on float sequences of one shape, with the input
 * projection hoisted out of the time loop, as cuDNN and PyTorch do: one product
 * {@code [x, 1] · [W; b]} for all steps before the loop, then per step only {@code h_(t-1) · R}
 * added to that step's block; backwards, per step only the recurrent gradient
 * {@code dz_t · R^T}, and after the loop one product each for the gradients of {@code [W; b]},
 * {@code R} and the input. The large products run at several times the speed of the 150 small
 * ones per batch {@link LstmSteps} makes (a {@code [64, 193] x [193, 512]} product per step and
 * two more backwards for W3), and the per-step ones shrink to {@code [64, 128] x [128, 512]}.
 *
 * <p>The gate nonlinearities and the cell update run in one JVM pass per step over float arrays
 * ({@link RationalTanh}), instead of a dozen libnd4j operations: each step's pre-activations are
 * copied in (one bulk copy) and its {@code h} out. Activated gates, cell states and
 * {@code tanh(c)} stay on the Java heap for the backward pass.
 *
 * <p>Native arrays (the products' operands) are column-major matrices packed in flat arrays whose
 * columns are the examples of each step, {@code t * batch + b}: the input {@code [nIn + 1, T B]}
 * (with a row of ones for the bias), the pre-activations and their gradients {@code [4n, T B]},
 * the states {@code [n, (T + 1) B]} ({@code h_(-1) = 0} first). A step's block is contiguous.
 *
 * <pre>{@code
 * HoistedLstmSteps steps = new HoistedLstmSteps(batch, timeSteps, nIn, nOut);
 * steps.forward(ncwInput, w, r, b);
 * INDArray h = steps.outputNcw(workspaceMgr);                // [batch, nOut, timeSteps]
 * steps.backward(epsilonNcw, wGradient, rGradient, bGradient);
 * }</pre>
 */
final class HoistedLstmSteps implements LstmPass {
    private final int batch;
    private final int steps;
    private final int inputs;
    private final int units;
    private final int gates;

    // native: the products' operands and results
    private final INDArray inputWeights;     // [nIn + 1, 4n] column-major: W, then b
    private final INDArray recurrentWeights; // [n, 4n] column-major
    private final INDArray inputWeightsGradient;
    private final INDArray recurrentWeightsGradient;
    private final INDArray x;                // [T, B, nIn + 1] row-major = [nIn + 1, T B] column-major
    private final INDArray xValues;          // view: the first nIn of each row
    private final INDArray z;                // [T, B, 4n] row-major
    private final INDArray dz;
    private final INDArray h;                // [T + 1, B, n] row-major, step 0 = h_(-1) = 0
    private final INDArray hOutputs;         // view: steps 1..T
    private final INDArray epsilon;          // [T, B, n]
    private final INDArray recurrentGradient; // [B, n]: dz_t · R^T
    private final INDArray dx;               // [T, B, nIn]
    private final FloatPointer zPointer;
    private final FloatPointer dzPointer;
    private final FloatPointer hPointer;
    private final FloatPointer epsilonPointer;
    private final FloatPointer recurrentGradientPointer;

    // heap: what the backward pass reads, and one step's scratch
    private final float[] activated;  // [T, B, 4n]
    private final float[] cell;       // [T + 1, B, n], step 0 = c_(-1) = 0
    private final float[] tanhCell;   // [T, B, n]
    private final float[] dh;         // [T, B, n]: the output gradients
    private final float[] stepStates; // [B, n]
    private final float[] stepGates;  // [B, 4n]
    private final float[] cellGradient; // [B, n]: dc_(t+1) * f_(t+1)

    private final StepGemm gemm = new StepGemm(DataType.FLOAT);

    HoistedLstmSteps(long batch, long steps, long inputs, long units) {
        if (elements(batch, steps, inputs, units) > LstmSteps.MAX_ELEMENTS || steps * batch * 4 * units > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("HoistedLstmSteps: batch " + batch + " x " + steps + " steps of "
                    + inputs + " inputs and " + units + " units exceed " + LstmSteps.MAX_ELEMENTS + " elements");
        }
        this.batch = (int) batch;
        this.steps = (int) steps;
        this.inputs = (int) inputs;
        this.units = (int) units;
        this.gates = 4 * this.units;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            inputWeights = Nd4j.create(DataType.FLOAT, new long[] {inputs + 1, gates}, 'f');
            recurrentWeights = Nd4j.create(DataType.FLOAT, new long[] {units, gates}, 'f');
            inputWeightsGradient = Nd4j.create(DataType.FLOAT, new long[] {inputs + 1, gates}, 'f');
            recurrentWeightsGradient = Nd4j.create(DataType.FLOAT, new long[] {units, gates}, 'f');
            x = Nd4j.create(DataType.FLOAT, new long[] {steps, batch, inputs + 1}, 'c');
            xValues = x.get(all(), all(), interval(0, inputs));
            x.get(all(), all(), point(inputs)).assign(1);
            z = Nd4j.create(DataType.FLOAT, new long[] {steps, batch, gates}, 'c');
            dz = Nd4j.create(DataType.FLOAT, new long[] {steps, batch, gates}, 'c');
            h = Nd4j.create(DataType.FLOAT, new long[] {steps + 1, batch, units}, 'c');
            hOutputs = h.get(interval(1, steps + 1), all(), all());
            epsilon = Nd4j.create(DataType.FLOAT, new long[] {steps, batch, units}, 'c');
            recurrentGradient = Nd4j.create(DataType.FLOAT, new long[] {batch, units}, 'c');
            dx = Nd4j.create(DataType.FLOAT, new long[] {steps, batch, inputs}, 'c');
        }
        zPointer = pointer(z);
        dzPointer = pointer(dz);
        hPointer = pointer(h);
        epsilonPointer = pointer(epsilon);
        recurrentGradientPointer = pointer(recurrentGradient);
        int n = this.batch * this.units;
        activated = new float[this.steps * this.batch * gates];
        cell = new float[(this.steps + 1) * n];
        tanhCell = new float[this.steps * n];
        dh = new float[this.steps * n];
        stepStates = new float[n];
        stepGates = new float[this.batch * gates];
        cellGradient = new float[n];
    }

    /** The number of elements (native and heap) an instance for this shape keeps. */
    static long elements(long batch, long steps, long inputs, long units) {
        long gates = 4 * units;
        return steps * batch * (inputs + 1 + 4 * gates + 5 * units + inputs) + 2 * batch * units + batch * gates
                + 2 * (inputs + 1 + units) * gates;
    }

    @Override
    public boolean fits(long batch, long steps, long inputs, long units, DataType dataType) {
        return this.batch == batch && this.steps == steps && this.inputs == inputs && this.units == units
                && dataType == DataType.FLOAT;
    }

    @Override
    public void forward(INDArray ncw, INDArray w, INDArray r, INDArray b) {
        inputWeights.get(interval(0, inputs), all()).assign(w);
        inputWeights.get(point(inputs), all()).assign(b.reshape(gates));
        recurrentWeights.assign(r);
        xValues.assign(ncw.permute(2, 0, 1));
        int columns = steps * batch;
        // every step's input and bias terms: [4n, T B] = [W; b]^T · [x, 1]^T
        gemm.multiplyRegions(gates, columns, inputs + 1, inputWeights, 0, inputs + 1, true,
                x, 0, inputs + 1, false, 0f, z, 0, gates);
        recurrentForward();
    }

    private void recurrentForward() {
        int stepGateElements = batch * gates;
        int stepUnitElements = batch * units;
        try {
            for (int t = 0; t < steps; t++) {
                long zOffset = (long) t * stepGateElements;
                if (t > 0) {
                    // h_(-1) = 0: step 0 has no recurrent term
                    gemm.multiplyRegions(gates, batch, units, recurrentWeights, 0, units, true,
                            h, (long) t * stepUnitElements, units, false, 1f, z, zOffset, gates);
                }
                zPointer.position(zOffset).get(activated, t * stepGateElements, stepGateElements);
                cellForward(t);
                hPointer.position((long) (t + 1) * stepUnitElements).put(stepStates, 0, stepUnitElements);
            }
        } finally {
            Reference.reachabilityFence(z);
            Reference.reachabilityFence(h);
        }
    }

    /** Step {@code t}'s gates (in place in {@link #activated}), cell state, tanh of it and {@code h} (into {@link #stepStates}). */
    private void cellForward(int t) {
        for (int b = 0; b < batch; b++) {
            int g = (t * batch + b) * gates;
            int previous = (t * batch + b) * units;
            int next = previous + batch * units;
            int out = b * units;
            RationalTanh.tanh(activated, g, g + units);
            RationalTanh.sigmoid(activated, g + units, g + gates);
            int f = g + units;
            int o = g + 2 * units;
            int i = g + 3 * units;
            for (int u = 0; u < units; u++) {
                float c = activated[f + u] * cell[previous + u] + activated[i + u] * activated[g + u];
                float tc = RationalTanh.tanh(c);
                cell[next + u] = c;
                tanhCell[previous + u] = tc;
                stepStates[out + u] = activated[o + u] * tc;
            }
        }
    }

    @Override
    public INDArray outputNcw(LayerWorkspaceMgr mgr) {
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {steps, batch, units}, 'c');
        out.assign(hOutputs);
        return out.permute(1, 2, 0);
    }

    @Override
    public void backward(INDArray epsilonNcw, INDArray wGradient, INDArray rGradient, INDArray bGradient) {
        epsilon.assign(epsilonNcw.permute(2, 0, 1));
        int columns = steps * batch;
        try {
            epsilonPointer.position(0).get(dh, 0, steps * batch * units);
            recurrentBackward();
        } finally {
            Reference.reachabilityFence(epsilon);
        }
        // after the loop, one product each: [W; b], R and the input
        gemm.multiplyRegions(inputs + 1, gates, columns, x, 0, inputs + 1, false, dz, 0, gates, true, 0f,
                inputWeightsGradient, 0, inputs + 1);
        gemm.multiplyRegions(units, gates, columns, h, 0, units, false, dz, 0, gates, true, 0f,
                recurrentWeightsGradient, 0, units);
        gemm.multiplyRegions(inputs, columns, gates, inputWeights, 0, inputs + 1, false, dz, 0, gates, false, 0f,
                dx, 0, inputs);
        wGradient.assign(inputWeightsGradient.get(interval(0, inputs), all()));
        bGradient.assign(inputWeightsGradient.get(point(inputs), all()).reshape(bGradient.shape()));
        rGradient.assign(recurrentWeightsGradient);
    }

    private void recurrentBackward() {
        int stepGateElements = batch * gates;
        int stepUnitElements = batch * units;
        try {
            java.util.Arrays.fill(cellGradient, 0f);
            for (int t = steps - 1; t >= 0; t--) {
                if (t < steps - 1) {
                    recurrentGradientPointer.position(0).get(stepStates, 0, stepUnitElements);
                } else {
                    java.util.Arrays.fill(stepStates, 0f);
                }
                cellBackward(t);
                long dzOffset = (long) t * stepGateElements;
                dzPointer.position(dzOffset).put(stepGates, 0, stepGateElements);
                if (t > 0) {
                    // dh_(t-1) from the recurrent term: [n, B] = R · dz_t^T
                    gemm.multiplyRegions(units, batch, gates, recurrentWeights, 0, units, false,
                            dz, dzOffset, gates, false, 0f, recurrentGradient, 0, units);
                }
            }
        } finally {
            Reference.reachabilityFence(dz);
            Reference.reachabilityFence(recurrentGradient);
        }
    }

    /**
     * Step {@code t} backwards: from the output gradient plus the recurrent one (in
     * {@link #stepStates}) and the carried cell gradient, the pre-activations' gradients into
     * {@link #stepGates}; the cell gradient carried to step {@code t - 1}.
     */
    private void cellBackward(int t) {
        for (int b = 0; b < batch; b++) {
            int g = (t * batch + b) * gates;
            int n = (t * batch + b) * units;
            int s = b * units;
            int d = b * gates;
            int f = g + units;
            int o = g + 2 * units;
            int i = g + 3 * units;
            for (int u = 0; u < units; u++) {
                float dOut = dh[n + u] + stepStates[s + u];
                float tc = tanhCell[n + u];
                float gateO = activated[o + u];
                float gateI = activated[i + u];
                float gateF = activated[f + u];
                float a = activated[g + u];
                float dc = dOut * gateO * (1f - tc * tc) + cellGradient[s + u];
                stepGates[d + u] = dc * gateI * (1f - a * a);
                stepGates[d + units + u] = dc * cell[n + u] * gateF * (1f - gateF);
                stepGates[d + 2 * units + u] = dOut * tc * gateO * (1f - gateO);
                stepGates[d + 3 * units + u] = dc * a * gateI * (1f - gateI);
                cellGradient[s + u] = dc * gateF;
            }
        }
    }

    @Override
    public INDArray inputGradientNcw(LayerWorkspaceMgr mgr) {
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {steps, batch, inputs}, 'c');
        out.assign(dx);
        return out.permute(1, 2, 0);
    }

    private static FloatPointer pointer(INDArray array) {
        return new FloatPointer(array.data().addressPointer());
    }
}
