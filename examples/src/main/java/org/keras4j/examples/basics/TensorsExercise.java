package org.keras4j.examples.basics;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.keras4j.examples.Checks;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Tensors in ND4J, as the course's first labs do them in PyTorch: dtypes, views and reshape, indexing,
 * slicing, element-wise and matrix products, reductions, {@code linspace}, and conversion to and from Java
 * arrays. Every fact printed is also checked; the result counts the checks that held.
 *
 * <pre>{@code
 * ./keras4j run tensors
 * ExerciseResult r = new TensorsExercise().run(ExerciseContext.of(new PrintWriter(System.out, true)));
 * }</pre>
 */
public final class TensorsExercise implements Exercise {

    @Override
    public String name() {
        return "tensors";
    }

    @Override
    public String title() {
        return "ND4J tensors: dtypes, views, indexing, slicing, products, reductions";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        Checks checks = new Checks(ctx.out());
        dtypes(checks);
        reshapeAndViews(checks);
        indexingAndSlicing(checks);
        products(checks);
        reductions(checks);
        javaArrays(checks);
        return checks.result("checks passed");
    }

    private static void dtypes(Checks checks) {
        checks.section("dtypes: torch.tensor([0, 1, 2, 3, 4]) -> Nd4j.createFromArray");
        INDArray ints = Nd4j.createFromArray(0, 1, 2, 3, 4);
        checks.equal("createFromArray(int...) dtype (INT32, which ND4J prints as INT)", ints.dataType(),
                DataType.INT32);
        checks.equal("its shape", ints.shape(), new long[] {5});
        checks.equal("its rank", ints.rank(), 1);
        INDArray floats = ints.castTo(DataType.FLOAT);
        checks.equal("castTo(FLOAT)", floats, Nd4j.createFromArray(0f, 1f, 2f, 3f, 4f));
        checks.equal("createFromArray(double...) dtype", Nd4j.createFromArray(0.0, 1.0).dataType(), DataType.DOUBLE);
        checks.equal("default floating point dtype (Keras's float32)", Nd4j.defaultFloatingPointType(), DataType.FLOAT);
        checks.equal("Nd4j.zeros(2, 3) dtype", Nd4j.zeros(2, 3).dataType(), DataType.FLOAT);
    }

    private static void reshapeAndViews(Checks checks) {
        checks.section("reshape and views: a.view(2, 3) -> a.reshape(2, 3)");
        INDArray a = Nd4j.createFromArray(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        INDArray matrix = a.reshape(2, 3);
        checks.equal("a.reshape(2, 3)", matrix, Nd4j.createFromArray(new double[][] {{0, 1, 2}, {3, 4, 5}}));
        checks.equal("a.reshape(-1, 1) shape", a.reshape(-1, 1).shape(), new long[] {6, 1});
        matrix.putScalar(0, 0, 100.0);
        checks.equal("after reshaped.putScalar(0, 0, 100): a[0] (reshape of a contiguous array shares its data)",
                a.getDouble(0), 100.0);
        INDArray copy = a.dup();
        copy.putScalar(0, -1.0);
        checks.equal("after a.dup().putScalar(0, -1): a[0] (dup copies)", a.getDouble(0), 100.0);
    }

    private static void indexingAndSlicing(Checks checks) {
        checks.section("indexing and slicing: m[1, 2], m[0, :], m[:, 1:3]");
        INDArray m = Nd4j.createFromArray(new double[][] {{11, 12, 13}, {21, 22, 23}, {31, 32, 33}});
        checks.equal("m.getDouble(1, 2)", m.getDouble(1, 2), 23.0);
        checks.equal("m.getRow(0)", m.getRow(0), Nd4j.createFromArray(11.0, 12.0, 13.0));
        checks.equal("m.getColumn(1)", m.getColumn(1), Nd4j.createFromArray(12.0, 22.0, 32.0));
        checks.equal("m.get(point(1), interval(1, 3))  i.e. m[1, 1:3]",
                m.get(point(1), interval(1, 3)), Nd4j.createFromArray(22.0, 23.0));
        INDArray block = m.get(interval(1, 3), interval(0, 2));
        checks.equal("m.get(interval(1, 3), interval(0, 2))  i.e. m[1:3, 0:2]",
                block, Nd4j.createFromArray(new double[][] {{21, 22}, {31, 32}}));
        checks.equal("m.get(all(), point(2))  i.e. m[:, 2]", m.get(all(), point(2)),
                Nd4j.createFromArray(13.0, 23.0, 33.0));
        block.assign(0.0);
        checks.equal("after the m[1:3, 0:2] slice is assigned 0: m (slices are views)", m,
                Nd4j.createFromArray(new double[][] {{11, 12, 13}, {0, 0, 23}, {0, 0, 33}}));
        INDArray v = Nd4j.createFromArray(20.0, 1.0, 2.0, 3.0);
        v.putScalar(0, 100.0);
        checks.equal("v.putScalar(0, 100) on [20, 1, 2, 3]", v, Nd4j.createFromArray(100.0, 1.0, 2.0, 3.0));
    }

    private static void products(Checks checks) {
        checks.section("element-wise and matrix products: u + v, u * v, 2 * u, u + 1, dot, mm");
        INDArray u = Nd4j.createFromArray(1.0, 2.0);
        INDArray v = Nd4j.createFromArray(3.0, 2.0);
        checks.equal("u + v  (u = [1, 2], v = [3, 2])", u.add(v), Nd4j.createFromArray(4.0, 4.0));
        checks.equal("u - v", u.sub(v), Nd4j.createFromArray(-2.0, 0.0));
        checks.equal("u * v  (element-wise)", u.mul(v), Nd4j.createFromArray(3.0, 4.0));
        checks.equal("2 * u", u.mul(2), Nd4j.createFromArray(2.0, 4.0));
        checks.equal("u + 1  (scalar broadcast)", u.add(1), Nd4j.createFromArray(2.0, 3.0));
        checks.equal("dot(u, v)", Transforms.dot(u, v).getDouble(0), 7.0);
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}});
        INDArray y = Nd4j.createFromArray(new double[][] {{2, 1}, {1, 2}});
        checks.equal("X * Y  (element-wise, X = [[1, 0], [0, 1]], Y = [[2, 1], [1, 2]])",
                x.mul(y), Nd4j.createFromArray(new double[][] {{2, 0}, {0, 2}}));
        INDArray a = Nd4j.createFromArray(new double[][] {{0, 1, 1}, {1, 0, 1}});
        INDArray b = Nd4j.createFromArray(new double[][] {{1, 1}, {1, 1}, {-1, 1}});
        checks.equal("A.mmul(B)  (A = [[0, 1, 1], [1, 0, 1]], B = [[1, 1], [1, 1], [-1, 1]])",
                a.mmul(b), Nd4j.createFromArray(new double[][] {{0, 2}, {0, 2}}));
        checks.equal("A.transpose() shape", a.transpose().shape(), new long[] {3, 2});
        checks.equal("A + row [10, 20, 30]  (broadcast over rows)",
                a.addRowVector(Nd4j.createFromArray(10.0, 20.0, 30.0)),
                Nd4j.createFromArray(new double[][] {{10, 21, 31}, {11, 20, 31}}));
        INDArray w = u.dup();
        w.addi(v);
        checks.equal("w = u.dup(); w.addi(v)  (in place: i-suffixed ops)", w, Nd4j.createFromArray(4.0, 4.0));
        checks.equal("u after that (unchanged)", u, Nd4j.createFromArray(1.0, 2.0));
    }

    private static void reductions(Checks checks) {
        checks.section("reductions and linspace: mean, std, max, argmax, linspace, sin");
        INDArray a = Nd4j.createFromArray(1.0, -1.0, 1.0, -1.0);
        checks.equal("mean of [1, -1, 1, -1]", a.meanNumber().doubleValue(), 0.0);
        checks.close("std of [1, -1, 1, -1]  (bias-corrected, like torch.std)", a.stdNumber().doubleValue(),
                Math.sqrt(4.0 / 3.0), 1e-12);
        INDArray b = Nd4j.createFromArray(1.0, -2.0, 3.0, 4.0, 5.0);
        checks.equal("max of [1, -2, 3, 4, 5]", b.maxNumber().doubleValue(), 5.0);
        checks.equal("min", b.minNumber().doubleValue(), -2.0);
        checks.equal("argmax", b.argMax().getLong(0), 4L);
        INDArray m = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        checks.equal("m.sum(0)  (column sums)", m.sum(0), Nd4j.createFromArray(5.0, 7.0, 9.0));
        checks.equal("m.mean(1)  (row means)", m.mean(1), Nd4j.createFromArray(2.0, 5.0));
        checks.equal("linspace(-2, 2, 5)", Nd4j.linspace(-2.0, 2.0, 5, DataType.DOUBLE),
                Nd4j.createFromArray(-2.0, -1.0, 0.0, 1.0, 2.0));
        checks.equal("linspace(-2, 2, 9) step", Nd4j.linspace(-2.0, 2.0, 9, DataType.DOUBLE).getDouble(1), -1.5);
        INDArray sine = Transforms.sin(Nd4j.linspace(0.0, 2 * Math.PI, 100, DataType.DOUBLE));
        checks.close("max of sin(linspace(0, 2*pi, 100))", sine.maxNumber().doubleValue(), 1.0, 1e-3);
    }

    private static void javaArrays(Checks checks) {
        checks.section("to and from Java arrays: tensor.numpy(), tensor.tolist(), tensor.item()");
        double[][] rows = {{1, 2}, {3, 4}};
        INDArray m = Nd4j.createFromArray(rows);
        checks.equal("Nd4j.createFromArray(double[][]) shape", m.shape(), new long[] {2, 2});
        checks.equal("m.toDoubleMatrix()", m.toDoubleMatrix(), rows);
        checks.equal("m.ravel().toDoubleVector()  (row-major)", m.ravel().toDoubleVector(), new double[] {1, 2, 3, 4});
        checks.equal("createFromArray(int...).toIntVector()", Nd4j.createFromArray(7, 8, 9).toIntVector(),
                new int[] {7, 8, 9});
        checks.equal("Nd4j.scalar(3.5).getDouble(0)  (item())", Nd4j.scalar(3.5).getDouble(0), 3.5);
        rows[0][0] = 99;
        checks.equal("m[0, 0] after the Java array is changed (createFromArray copies)", m.getDouble(0, 0), 1.0);
    }
}
