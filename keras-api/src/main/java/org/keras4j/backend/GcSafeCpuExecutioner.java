package org.keras4j.backend;

import java.lang.ref.Reference;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ndarray.INDArrayStatistics;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.IndexAccumulation;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.aggregates.Aggregate;
import org.nd4j.linalg.api.ops.aggregates.Batch;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;

/**
 * ND4J's CPU operation executioner, with every operation kept reachable until its native call
 * has returned.
 *
 * <p>ND4J 1.0.0-M2.1 frees a native buffer on its deallocator thread as soon as the Java owner
 * has been collected. {@code NativeOpExecutioner} reads the last use of an operation while
 * building the arguments of its native call, so the JIT may treat the operation, and every
 * array only it references, as garbage during that call. A broadcast
 * ({@code addiRowVector}, used by every DL4J dense layer's bias) is the case seen in practice:
 * its dimension array exists only inside the operation, and a collection at that moment frees
 * the buffer libnd4j is about to read ({@code SIGSEGV in sd::DataBuffer::primary()}). Scalar
 * operations along a dimension and reductions carry the same kind of array; custom operations
 * and contexts hold their inputs. Each method here runs ND4J's own code, then fences its
 * arguments, which keeps them, and all they reference, alive until the call is over.
 *
 * <p>{@link StartupHook} makes ND4J instantiate this class instead of its own when the CPU
 * backend loads ({@code -Dopexec=...}, ND4J's own setting, chooses another).
 *
 * <pre>{@code
 * Nd4j.getExecutioner() instanceof GcSafeCpuExecutioner   // true once ND4J has started
 * }</pre>
 */
public class GcSafeCpuExecutioner extends NativeOpExecutioner {

    /** For ND4J, which instantiates its executioner by class name. */
    public GcSafeCpuExecutioner() {
        super();
    }

    @Override
    public INDArray exec(Op op) {
        return fenced(op, null, () -> super.exec(op));
    }

    @Override
    public INDArray exec(Op op, OpContext context) {
        return fenced(op, context, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(IndexAccumulation op) {
        return fenced(op, null, () -> super.exec(op));
    }

    @Override
    public INDArray exec(IndexAccumulation op, OpContext context) {
        return fenced(op, context, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(Variance op) {
        return fenced(op, null, () -> super.exec(op));
    }

    @Override
    public INDArray exec(ReduceOp op) {
        return fenced(op, null, () -> super.exec(op));
    }

    @Override
    public INDArray exec(ReduceOp op, OpContext context) {
        return fenced(op, context, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(ScalarOp op) {
        return fenced(op, null, () -> super.exec(op));
    }

    @Override
    public INDArray exec(ScalarOp op, OpContext context) {
        return fenced(op, context, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(BroadcastOp op) {
        return fenced(op, null, () -> super.exec(op));
    }

    @Override
    public INDArray exec(BroadcastOp op, OpContext context) {
        return fenced(op, context, () -> super.exec(op, context));
    }

    @Override
    public <T extends Aggregate> void exec(Batch<T> batch) {
        fenced(batch, null, () -> {
            super.exec(batch);
            return null;
        });
    }

    @Override
    public void exec(List<Aggregate> batch) {
        fenced(batch, null, () -> {
            super.exec(batch);
            return null;
        });
    }

    @Override
    public void exec(Aggregate op) {
        fenced(op, null, () -> {
            super.exec(op);
            return null;
        });
    }

    @Override
    public INDArray exec(RandomOp op) {
        return fenced(op, null, () -> super.exec(op));
    }

    @Override
    public INDArray exec(RandomOp op, Random rng) {
        return fenced(op, rng, () -> super.exec(op, rng));
    }

    @Override
    public INDArray exec(RandomOp op, OpContext context, Random rng) {
        return fenced(op, context, () -> fenced(rng, null, () -> super.exec(op, context, rng)));
    }

    @Override
    public INDArray[] exec(CustomOp op) {
        return fenced(op, null, () -> super.exec(op));
    }

    @Override
    public INDArray[] exec(CustomOp op, OpContext context) {
        return fenced(op, context, () -> super.exec(op, context));
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(CustomOp op) {
        return fenced(op, null, () -> super.calculateOutputShape(op));
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(CustomOp op, OpContext context) {
        return fenced(op, context, () -> super.calculateOutputShape(op, context));
    }

    @Override
    public void scatterUpdate(ScatterUpdate.UpdateOp op, INDArray array, INDArray indices, INDArray updates,
                              int[] axis) {
        fenced(array, updates, () -> fenced(indices, null, () -> {
            super.scatterUpdate(op, array, indices, updates, axis);
            return null;
        }));
    }

    @Override
    public INDArrayStatistics inspectArray(INDArray array) {
        return fenced(array, null, () -> super.inspectArray(array));
    }

    /**
     * Runs {@code call}, then fences {@code operation} and {@code context}: the fence is their last
     * use, so neither, nor anything they reference, can be collected while the call runs.
     */
    private static <T> T fenced(Object operation, Object context, Supplier<T> call) {
        try {
            return call.get();
        } finally {
            Reference.reachabilityFence(operation);
            Reference.reachabilityFence(context);
        }
    }
}
