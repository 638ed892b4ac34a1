package org.keras4j.internal.dl4j;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.keras4j.layers.regularization.SpatialDropout2D;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * Keras's spatial dropout on channels-last activations: one keep/drop decision per sample and
 * channel (the last axis), kept values scaled by {@code 1 / p}. DL4J's {@code SpatialDropout}
 * decides per axis 1, which is the height in NHWC.
 *
 * <pre>{@code
 * new DropoutLayer.Builder().dropOut(new NhwcSpatialDropout(0.8)).build();   // Keras's SpatialDropout2D(0.2)
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class NhwcSpatialDropout implements IDropout {
    private double retainProbability;
    @JsonIgnore
    private transient INDArray mask;

    /** For JSON deserialization. */
    public NhwcSpatialDropout() {
    }

    /** @throws IllegalArgumentException unless {@code 0 < retainProbability <= 1} */
    public NhwcSpatialDropout(double retainProbability) {
        if (!(retainProbability > 0 && retainProbability <= 1)) {
            throw new IllegalArgumentException("retainProbability must be in (0, 1], got " + retainProbability);
        }
        this.retainProbability = retainProbability;
    }

    public double retainProbability() {
        return retainProbability;
    }

    @Override
    public INDArray applyDropout(INDArray inputActivations, INDArray output, int iteration, int epoch,
                                 LayerWorkspaceMgr workspaceMgr) {
        int channelAxis = inputActivations.rank() - 1;
        mask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), inputActivations.size(0),
                inputActivations.size(channelAxis)).assign(1.0);
        Nd4j.getExecutioner().exec(new DropOutInverted(mask, retainProbability));
        Broadcast.mul(inputActivations, mask, output, 0, channelAxis);
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            throw new IllegalStateException("spatial dropout backprop without a forward pass in training mode");
        }
        Broadcast.mul(gradAtOutput, mask, gradAtInput, 0, gradAtOutput.rank() - 1);
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public IDropout clone() {
        return new NhwcSpatialDropout(retainProbability);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NhwcSpatialDropout other && retainProbability == other.retainProbability;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(retainProbability);
    }
}
