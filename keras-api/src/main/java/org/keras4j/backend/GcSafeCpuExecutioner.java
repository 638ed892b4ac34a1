package org.keras4j.backend;

import java.lang.ref.Reference;
import java.util.List;
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
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(Op op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public INDArray exec(IndexAccumulation op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(IndexAccumulation op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public INDArray exec(Variance op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(ReduceOp op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(ReduceOp op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public INDArray exec(ScalarOp op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(ScalarOp op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public INDArray exec(BroadcastOp op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(BroadcastOp op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public <T extends Aggregate> void exec(Batch<T> batch) {
        try {
            super.exec(batch);
        } finally {
            Reference.reachabilityFence(batch);
        }
    }

    @Override
    public void exec(List<Aggregate> batch) {
        try {
            super.exec(batch);
        } finally {
            Reference.reachabilityFence(batch);
        }
    }

    @Override
    public void exec(Aggregate op) {
        try {
            super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(RandomOp op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray exec(RandomOp op, Random rng) {
        try {
            return super.exec(op, rng);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(rng);
        }
    }

    @Override
    public INDArray exec(RandomOp op, OpContext context, Random rng) {
        try {
            return super.exec(op, context, rng);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
            Reference.reachabilityFence(rng);
        }
    }

    @Override
    public INDArray[] exec(CustomOp op) {
        try {
            return super.exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public INDArray[] exec(CustomOp op, OpContext context) {
        try {
            return super.exec(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(CustomOp op) {
        try {
            return super.calculateOutputShape(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(CustomOp op, OpContext context) {
        try {
            return super.calculateOutputShape(op, context);
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
        }
    }

    @Override
    public void scatterUpdate(ScatterUpdate.UpdateOp op, INDArray array, INDArray indices, INDArray updates,
                              int[] axis) {
        try {
            super.scatterUpdate(op, array, indices, updates, axis);
        } finally {
            Reference.reachabilityFence(array);
            Reference.reachabilityFence(indices);
            Reference.reachabilityFence(updates);
        }
    }

    @Override
    public INDArrayStatistics inspectArray(INDArray array) {
        try {
            return super.inspectArray(array);
        } finally {
            Reference.reachabilityFence(array);
        }
    }
}
