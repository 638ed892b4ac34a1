package org.keras4j.internal.dl4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Small ND4J helpers shared by the activations; every method returns a new array. */
final class ArrayMath {
    private ArrayMath() {
    }

    /** 1 where {@code condition} holds, 0 elsewhere, in {@code like}'s data type. */
    static INDArray mask(INDArray condition, INDArray like) {
        return condition.castTo(like.dataType());
    }

    static INDArray sigmoid(INDArray x) {
        return Nd4j.exec(new Sigmoid(x, x.ulike()));
    }

    static INDArray exp(INDArray x) {
        return Nd4j.exec(new Exp(x, x.ulike()));
    }

    /** {@code log(1 + exp(x))} as {@code max(x, 0) + log1p(exp(-|x|))}: no overflow for large x. */
    static INDArray softplus(INDArray x) {
        INDArray tail = Nd4j.exec(new Exp(Transforms.abs(x, true).negi()));
        Nd4j.exec(new Log1p(tail, tail));
        return Transforms.max(x, 0.0, true).addi(tail);
    }
}
