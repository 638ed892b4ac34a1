package org.keras4j.internal.dl4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.keras4j.Shape;
import org.keras4j.internal.dl4j.Layout;
import org.keras4j.internal.dl4j.ReshapePreprocessor;
import org.keras4j.layers.merging.Add;
import org.keras4j.layers.merging.Average;
import org.keras4j.layers.merging.Concatenate;
import org.keras4j.layers.merging.Dot;
import org.keras4j.layers.merging.Maximum;
import org.keras4j.layers.merging.Merge;
import org.keras4j.layers.merging.Minimum;
import org.keras4j.layers.merging.Multiply;
import org.keras4j.layers.merging.Subtract;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.iter.NdIndexIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link KerasMergeVertex} in DL4J graphs: forward results against values worked out by hand,
 * the backward pass against central finite differences, JSON and clone round trips, and training
 * with DL4J's workspaces enabled.
 */
class KerasMergeVertexTest {

    // ---------- helpers ----------

    private static INDArray arr(double[] values, long... shape) {
        return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    private static List<Shape> shapes(Shape... s) {
        return List.of(s);
    }

    /** inputs -> merge vertex "m" -> identity MSE loss on the flattened (c-order) output. */
    private static ComputationGraph graph(DataType dataType, Merge layer, List<Shape> in, InputType... types) {
        Shape out = layer.computeOutputShape(in);
        GraphBuilder b = new NeuralNetConfiguration.Builder().dataType(dataType).seed(7)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder();
        String[] names = IntStream.range(0, in.size()).mapToObj(i -> "in" + i).toArray(String[]::new);
        b.addInputs(names).setInputTypes(types).addVertex("m", Dl4jMergeVertices.toDl4j(layer, in, out), names);
        addLoss(b, out, "m");
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        return g;
    }

    private static void addLoss(GraphBuilder b, Shape out, String from) {
        b.addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(),
                new ReshapePreprocessor(Layout.natural(out), Layout.flat(out), false), from).setOutputs("loss");
    }

    /** The vertex's own activations and the Keras output flattened in c-order (through the loss layer). */
    private static INDArray forward(ComputationGraph g, long[] expectedVertexShape, INDArray... inputs) {
        INDArray raw = g.feedForward(inputs, false).get("m");
        assertArrayEquals(expectedVertexShape, raw.shape(), "vertex output dims");
        return g.outputSingle(false, inputs);
    }

    private static void assertValues(double[] expected, INDArray actual) {
        assertArrayEquals(expected, actual.castTo(DataType.DOUBLE).dup('c').data().asDouble(), 1e-5,
                "got " + actual);
    }

    private static InputType ff(long n) {
        return InputType.feedForward(n);
    }

    private static InputType seq(long steps, long features) {
        return InputType.recurrent(features, steps, RNNFormat.NWC);
    }

    private static InputType nhwc(long h, long w, long c) {
        return InputType.convolutional(h, w, c, CNN2DFormat.NHWC);
    }

    // ---------- forward, by hand ----------

    private static final INDArray A = arr(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    private static final INDArray B = arr(new double[] {10, 20, 30, 40, 50, 60}, 2, 3);
    private static final INDArray C = arr(new double[] {2, 2, 2, 0.5, 0.5, 0.5}, 2, 3);

    @Test
    void add_sumsFeedForwardInputs() {
        ComputationGraph g = graph(DataType.FLOAT, new Add(), shapes(Shape.of(3), Shape.of(3)), ff(3), ff(3));
        assertValues(new double[] {11, 22, 33, 44, 55, 66}, forward(g, new long[] {2, 3}, A, B));
    }

    @Test
    void subtract_firstMinusSecond() {
        ComputationGraph g = graph(DataType.FLOAT, new Subtract(), shapes(Shape.of(3), Shape.of(3)), ff(3), ff(3));
        assertValues(new double[] {-9, -18, -27, -36, -45, -54}, forward(g, new long[] {2, 3}, A, B));
    }

    @Test
    void multiply_threeInputs() {
        ComputationGraph g = graph(DataType.FLOAT, new Multiply(), shapes(Shape.of(3), Shape.of(3), Shape.of(3)),
                ff(3), ff(3), ff(3));
        // 1*10*2, 2*20*2, 3*30*2 | 4*40*0.5, 5*50*0.5, 6*60*0.5
        assertValues(new double[] {20, 80, 180, 80, 125, 180}, forward(g, new long[] {2, 3}, A, B, C));
    }

    @Test
    void average_threeInputs() {
        ComputationGraph g = graph(DataType.FLOAT, new Average(), shapes(Shape.of(3), Shape.of(3), Shape.of(3)),
                ff(3), ff(3), ff(3));
        assertValues(new double[] {13 / 3.0, 24 / 3.0, 35 / 3.0, 44.5 / 3, 55.5 / 3, 66.5 / 3},
                forward(g, new long[] {2, 3}, A, B, C));
    }

    @Test
    void maximumAndMinimum_elementwise() {
        INDArray p = arr(new double[] {1, -5, 3}, 1, 3);
        INDArray q = arr(new double[] {2, -6, 0}, 1, 3);
        INDArray r = arr(new double[] {0, -1, 1}, 1, 3);
        List<Shape> in = shapes(Shape.of(3), Shape.of(3), Shape.of(3));
        assertValues(new double[] {2, -1, 3},
                forward(graph(DataType.FLOAT, new Maximum(), in, ff(3), ff(3), ff(3)), new long[] {1, 3}, p, q, r));
        assertValues(new double[] {0, -6, 0},
                forward(graph(DataType.FLOAT, new Minimum(), in, ff(3), ff(3), ff(3)), new long[] {1, 3}, p, q, r));
    }

    @Test
    void add_broadcastsAVectorOverASequence() {
        // Keras: (None, 2, 3) + (None, 3) -> (None, 2, 3), the vector added at every step
        ComputationGraph g = graph(DataType.FLOAT, new Add(), shapes(Shape.of(2, 3), Shape.of(3)), seq(2, 3), ff(3));
        INDArray steps = arr(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        INDArray vector = arr(new double[] {10, 20, 30}, 1, 3);
        assertValues(new double[] {11, 22, 33, 14, 25, 36}, forward(g, new long[] {1, 2, 3}, steps, vector));
    }

    @Test
    void multiply_broadcastsBothInputs() {
        // (None, 2, 1) * (None, 1, 3) -> (None, 2, 3): an outer product per sample
        ComputationGraph g = graph(DataType.FLOAT, new Multiply(), shapes(Shape.of(2, 1), Shape.of(1, 3)),
                seq(2, 1), seq(1, 3));
        INDArray column = arr(new double[] {1, 2}, 1, 2, 1);
        INDArray row = arr(new double[] {10, 20, 30}, 1, 1, 3);
        assertValues(new double[] {10, 20, 30, 20, 40, 60}, forward(g, new long[] {1, 2, 3}, column, row));
    }

    @Test
    void concatenate_channelsOfNhwcImages_oneInputFortranOrdered() {
        ComputationGraph g = graph(DataType.FLOAT, new Concatenate(), shapes(Shape.of(2, 2, 2), Shape.of(2, 2, 1)),
                nhwc(2, 2, 2), nhwc(2, 2, 1));
        INDArray pairs = arr(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2);
        INDArray singles = arr(new double[] {10, 20, 30, 40}, 1, 2, 2, 1).dup('f');
        // pixel by pixel: the two channels of the first input, then the one of the second
        assertValues(new double[] {1, 2, 10, 3, 4, 20, 5, 6, 30, 7, 8, 40},
                forward(g, new long[] {1, 2, 2, 3}, pairs, singles));
    }

    @Test
    void concatenate_axis1_sequenceArrivingAsAnImage() {
        // a (2, 3) sequence as DL4J's one-pixel-wide NHWC image [n, 2, 1, 3], then a (1, 3) sequence in NWC
        ComputationGraph g = graph(DataType.FLOAT, new Concatenate(1), shapes(Shape.of(2, 3), Shape.of(1, 3)),
                nhwc(2, 1, 3), seq(1, 3));
        INDArray first = arr(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 1, 3);
        INDArray second = arr(new double[] {7, 8, 9}, 1, 1, 3);
        assertValues(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, forward(g, new long[] {1, 3, 3}, first, second));
    }

    @Test
    void dot_vectors_andCosineSimilarity() {
        INDArray x = arr(new double[] {1, 2, 3, 1, 0, 0, 0, 0, 0}, 3, 3);
        INDArray y = arr(new double[] {4, 5, 6, 0, 1, 0, 1, 2, 3}, 3, 3);
        List<Shape> in = shapes(Shape.of(3), Shape.of(3));
        assertValues(new double[] {32, 0, 0}, forward(graph(DataType.FLOAT, new Dot(1), in, ff(3), ff(3)),
                new long[] {3, 1}, x, y));
        // 32 / (sqrt(14) sqrt(77)); a zero vector stays 0 (its norm is clamped to 1e-7)
        assertValues(new double[] {32 / Math.sqrt(14 * 77), 0, 0},
                forward(graph(DataType.FLOAT, new Dot(-1, true), in, ff(3), ff(3)), new long[] {3, 1}, x, y));
    }

    @Test
    void dot_lastAxes_ofTwoSequences() {
        // (None, 2, 3) . (None, 4, 3) on axes 2 -> (None, 2, 4): x_i . y_j
        ComputationGraph g = graph(DataType.FLOAT, new Dot(2), shapes(Shape.of(2, 3), Shape.of(4, 3)),
                seq(2, 3), seq(4, 3));
        INDArray x = arr(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        INDArray y = arr(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1}, 1, 4, 3);
        assertValues(new double[] {1, 2, 3, 6, 4, 5, 6, 15}, forward(g, new long[] {1, 2, 4}, x, y));
    }

    @Test
    void dot_firstAxes_ofTwoSequences() {
        // axes (1, 1): out[i][j] = sum_k x[k][i] * y[k][j]
        ComputationGraph g = graph(DataType.FLOAT, new Dot(new int[] {1, 1}), shapes(Shape.of(2, 3), Shape.of(2, 4)),
                seq(2, 3), seq(2, 4));
        INDArray x = arr(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        INDArray y = arr(new double[] {1, 0, 2, 0, 0, 1, 0, 3}, 1, 2, 4);
        assertValues(new double[] {1, 4, 2, 12, 2, 5, 4, 15, 3, 6, 6, 18}, forward(g, new long[] {1, 3, 4}, x, y));
    }

    // ---------- backward, against central finite differences ----------

    /** One input: its Keras shape and the DL4J array it arrives as. */
    private record In(Shape shape, INDArray array) {
    }

    private static In in(Shape shape, long[] dl4jShape, char order, int seed) {
        INDArray a = Nd4j.rand(DataType.DOUBLE, dl4jShape).subi(0.5).muli(4);
        a.addi(Nd4j.linspace(DataType.DOUBLE, seed, a.length(), 1).reshape(dl4jShape).muli(1e-3));
        return new In(shape, a.dup(order));
    }

    private static In in(Shape shape) {
        return in(shape, withBatch(2, Layout.natural(shape).dims()), 'c', 1);
    }

    private static long[] withBatch(long n, long[] dims) {
        long[] out = new long[dims.length + 1];
        out[0] = n;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return out;
    }

    /**
     * The vertex's input gradients for {@code L = sum(out * w)} against {@code (L(x+h) - L(x-h)) / 2h}
     * for every element of every input.
     */
    private static void checkBackward(Merge layer, In... ins) {
        List<Shape> shapes = Arrays.stream(ins).map(In::shape).toList();
        KerasMergeVertex conf = (KerasMergeVertex) Dl4jMergeVertices.toDl4j(layer, shapes,
                layer.computeOutputShape(shapes));
        INDArray[] x = Arrays.stream(ins).map(In::array).toArray(INDArray[]::new);
        INDArray out = run(conf, x);
        INDArray w = Nd4j.rand(DataType.DOUBLE, out.shape()).subi(0.5);
        KerasMergeVertexImpl v = vertex(conf, x);
        v.doForward(true, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        v.setEpsilon(w);
        INDArray[] grads = v.doBackward(false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces())
                .getSecond();
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i].shape(), grads[i].shape(), layer + ": gradient " + i + " shape");
            NdIndexIterator it = new NdIndexIterator(x[i].shape());
            while (it.hasNext()) {
                long[] pos = it.next();
                double original = x[i].getDouble(pos);
                x[i].putScalar(pos, original + h);
                double plus = run(conf, x).mul(w).sumNumber().doubleValue();
                x[i].putScalar(pos, original - h);
                double minus = run(conf, x).mul(w).sumNumber().doubleValue();
                x[i].putScalar(pos, original);
                double numeric = (plus - minus) / (2 * h);
                double analytic = grads[i].getDouble(pos);
                assertEquals(numeric, analytic, 1e-6 + 1e-5 * Math.abs(numeric),
                        layer + ": d/d input " + i + Arrays.toString(pos));
            }
        }
    }

    private static KerasMergeVertexImpl vertex(KerasMergeVertex conf, INDArray[] x) {
        KerasMergeVertexImpl v = (KerasMergeVertexImpl) conf.instantiate(null, "m", 0, null, false, DataType.DOUBLE);
        v.setInputVertices(new org.deeplearning4j.nn.graph.vertex.VertexIndices[x.length]);
        for (int i = 0; i < x.length; i++) {
            v.setInput(i, x[i], org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        }
        return v;
    }

    private static INDArray run(KerasMergeVertex conf, INDArray[] x) {
        return vertex(conf, x).doForward(false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
    }

    @Test
    void backward_elementwise_withBroadcasting() {
        checkBackward(new Add(), in(Shape.of(2, 3)), in(Shape.of(3), new long[] {2, 3}, 'f', 2),
                in(Shape.of(2, 1), new long[] {2, 2, 1}, 'c', 3));
        checkBackward(new Subtract(), in(Shape.of(3), new long[] {2, 3}, 'c', 4), in(Shape.of(2, 3)));
        checkBackward(new Multiply(), in(Shape.of(2, 1), new long[] {2, 2, 1}, 'c', 5),
                in(Shape.of(1, 3), new long[] {2, 1, 3}, 'f', 6), in(Shape.of(2, 3)));
        checkBackward(new Average(), in(Shape.of(2, 3)), in(Shape.of(3), new long[] {2, 3}, 'c', 7));
        checkBackward(new Maximum(), in(Shape.of(2, 3)), in(Shape.of(2, 3), new long[] {2, 2, 3}, 'f', 8),
                in(Shape.of(3), new long[] {2, 3}, 'c', 9));
        checkBackward(new Minimum(), in(Shape.of(2, 3)), in(Shape.of(1, 3), new long[] {2, 1, 3}, 'c', 10));
    }

    @Test
    void backward_nhwcImages() {
        // (2, 2, 3) images as NHWC [n, 2, 2, 3], one of them 'f'-ordered; a (3) vector broadcast over the pixels
        checkBackward(new Multiply(), in(Shape.of(2, 2, 3)), in(Shape.of(2, 2, 3), new long[] {2, 2, 2, 3}, 'f', 11),
                in(Shape.of(3), new long[] {2, 3}, 'c', 12));
        checkBackward(new Concatenate(), in(Shape.of(2, 2, 2)), in(Shape.of(2, 2, 1), new long[] {2, 2, 2, 1}, 'f', 13));
        checkBackward(new Concatenate(2), in(Shape.of(2, 2, 2)), in(Shape.of(2, 1, 2), new long[] {2, 2, 1, 2}, 'c', 14));
    }

    @Test
    void backward_concatenate_sequences() {
        checkBackward(new Concatenate(1), in(Shape.of(2, 3), new long[] {2, 2, 1, 3}, 'c', 15), in(Shape.of(1, 3)));
        checkBackward(new Concatenate(), in(Shape.of(4)), in(Shape.of(2)), in(Shape.of(3), new long[] {2, 3}, 'f', 16));
    }

    @Test
    void backward_dot() {
        checkBackward(new Dot(1), in(Shape.of(3)), in(Shape.of(3), new long[] {2, 3}, 'f', 17));
        checkBackward(new Dot(-1), in(Shape.of(2, 3)), in(Shape.of(4, 3), new long[] {2, 4, 3}, 'f', 18));
        checkBackward(new Dot(new int[] {1, 1}), in(Shape.of(2, 3)), in(Shape.of(2, 4)));
        checkBackward(new Dot(new int[] {-2, -1}), in(Shape.of(3, 2)), in(Shape.of(1, 2, 3)));
    }

    @Test
    void backward_dotNormalized() {
        checkBackward(new Dot(1, true), in(Shape.of(3)), in(Shape.of(3), new long[] {2, 3}, 'c', 19));
        checkBackward(new Dot(new int[] {2, 1}, true), in(Shape.of(2, 3)), in(Shape.of(3, 4)));
    }

    // ---------- whole graphs: gradients of the loss, JSON, clone, training with workspaces ----------

    /**
     * Dense layers (DOUBLE) -> merge -> MSE: every Dense parameter's gradient, which flows through
     * the vertex's backward pass with DL4J's workspaces enabled, against finite differences of the
     * loss; then a few steps of fit.
     */
    private static void checkGraphGradientsAndFit(Merge layer, long[] denseOut, Shape... kerasShapes) {
        List<Shape> in = List.of(kerasShapes);
        Shape out = layer.computeOutputShape(in);
        GraphBuilder b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3).updater(new Sgd(0.05))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder().addInputs("x").setInputTypes(ff(2));
        String[] dense = new String[in.size()];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = "dense" + i;
            b.addLayer(dense[i], new DenseLayer.Builder().nOut(denseOut[i]).activation(Activation.TANH).build(), "x");
        }
        b.addVertex("m", Dl4jMergeVertices.toDl4j(layer, in, out), dense);
        addLoss(b, out, "m");
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        int n = 3;
        MultiDataSet data = new MultiDataSet(Nd4j.rand(DataType.DOUBLE, n, 2),
                Nd4j.rand(DataType.DOUBLE, n, out.size()));
        g.setInputs(data.getFeatures());
        g.setLabels(data.getLabels());
        g.computeGradientAndScore();
        INDArray analytic = g.gradient().gradient().dup().divi(n);    // DL4J divides by the batch in the updater
        INDArray params = g.params();
        double h = 1e-6;
        for (long j = 0; j < params.length(); j++) {
            double original = params.getDouble(j);
            params.putScalar(j, original + h);
            double plus = g.score(data, false);
            params.putScalar(j, original - h);
            double minus = g.score(data, false);
            params.putScalar(j, original);
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, analytic.getDouble(j), 1e-7 + 1e-4 * Math.abs(numeric), layer + ": parameter " + j);
        }
        INDArray before = g.params().dup();
        double first = g.score(data, false);
        for (int step = 0; step < 3; step++) {
            g.fit(data);
        }
        assertNotEquals(before, g.params(), layer + ": fit changed no weight");
        assertTrue(g.score(data, false) < first, layer + ": loss did not decrease");
    }

    // Dense outputs are flat [n, units]: the vertex reads [n, 6] as Keras (2, 3), [n, 3] as (3)

    @Test
    void graph_add_gradientsAndFit() {
        checkGraphGradientsAndFit(new Add(), new long[] {6, 3}, Shape.of(2, 3), Shape.of(3));
    }

    @Test
    void graph_subtract_gradientsAndFit() {
        checkGraphGradientsAndFit(new Subtract(), new long[] {3, 3}, Shape.of(3), Shape.of(3));
    }

    @Test
    void graph_multiply_gradientsAndFit() {
        checkGraphGradientsAndFit(new Multiply(), new long[] {2, 3}, Shape.of(2, 1), Shape.of(1, 3));
    }

    @Test
    void graph_average_gradientsAndFit() {
        checkGraphGradientsAndFit(new Average(), new long[] {3, 3, 3}, Shape.of(3), Shape.of(3), Shape.of(3));
    }

    @Test
    void graph_maximumAndMinimum_gradientsAndFit() {
        checkGraphGradientsAndFit(new Maximum(), new long[] {3, 3}, Shape.of(3), Shape.of(3));
        checkGraphGradientsAndFit(new Minimum(), new long[] {3, 3}, Shape.of(3), Shape.of(3));
    }

    @Test
    void graph_concatenate_gradientsAndFit() {
        checkGraphGradientsAndFit(new Concatenate(1), new long[] {6, 3}, Shape.of(2, 3), Shape.of(1, 3));
    }

    @Test
    void graph_dotNormalized_gradientsAndFit() {
        checkGraphGradientsAndFit(new Dot(new int[] {2, 2}, true), new long[] {6, 9}, Shape.of(2, 3), Shape.of(3, 3));
    }

    @Test
    void configuration_survivesJsonAndClone() {
        List<Supplier<Merge>> layers = List.of(Add::new, () -> new Concatenate(1), () -> new Dot(new int[] {1, 2}, true));
        List<List<Shape>> inputs = List.of(shapes(Shape.of(2, 3), Shape.of(3)), shapes(Shape.of(2, 3), Shape.of(1, 3)),
                shapes(Shape.of(4, 3), Shape.of(2, 4)));
        INDArray[][] data = {
            {Nd4j.rand(DataType.FLOAT, 2, 2, 3), Nd4j.rand(DataType.FLOAT, 2, 3)},
            {Nd4j.rand(DataType.FLOAT, 2, 2, 3), Nd4j.rand(DataType.FLOAT, 2, 1, 3)},
            {Nd4j.rand(DataType.FLOAT, 2, 4, 3), Nd4j.rand(DataType.FLOAT, 2, 2, 4)}};
        InputType[][] types = {{seq(2, 3), ff(3)}, {seq(2, 3), seq(1, 3)}, {seq(4, 3), seq(2, 4)}};
        for (int k = 0; k < layers.size(); k++) {
            ComputationGraph g = graph(DataType.FLOAT, layers.get(k).get(), inputs.get(k), types[k]);
            ComputationGraphConfiguration conf = g.getConfiguration();
            GraphVertex vertex = conf.getVertices().get("m");
            assertEquals(vertex, vertex.clone());
            ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());
            assertEquals(vertex, restored.getVertices().get("m"));
            assertEquals(conf, restored);
            ComputationGraph rebuilt = new ComputationGraph(restored);
            rebuilt.init();
            assertEquals(g.outputSingle(false, data[k]), rebuilt.outputSingle(false, data[k]));
        }
    }

    @Test
    void outputType_isTheNaturalLayoutOfTheKerasOutput() {
        GraphVertex concat = Dl4jMergeVertices.toDl4j(new Concatenate(), shapes(Shape.of(2, 2, 2), Shape.of(2, 2, 1)),
                Shape.of(2, 2, 3));
        assertEquals(nhwc(2, 2, 3), concat.getOutputType(0, nhwc(2, 2, 2), nhwc(2, 2, 1)));
        GraphVertex dot = Dl4jMergeVertices.toDl4j(new Dot(1), shapes(Shape.of(3), Shape.of(3)), Shape.of(1));
        assertEquals(ff(1), dot.getOutputType(0, ff(3), ff(3)));
        assertThrows(org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException.class,
                () -> dot.getOutputType(0, ff(3), ff(4)));
    }

    @Test
    void toDl4j_outputShapeDisagreeingWithTheLayer_throws() {
        String message = assertThrows(IllegalArgumentException.class, () -> Dl4jMergeVertices.toDl4j(new Add(),
                shapes(Shape.of(3), Shape.of(3)), Shape.of(4))).getMessage();
        assertTrue(message.contains("(None, 3)") && message.contains("(None, 4)"), message);
        assertThrows(IllegalArgumentException.class, () -> Dl4jMergeVertices.toDl4j(new Add(),
                shapes(Shape.of(3), Shape.of(4)), Shape.of(4)));
    }

    @Test
    void masks_elementwiseOrsThem_othersDropThem() {
        INDArray[] x = {Nd4j.rand(DataType.DOUBLE, 2, 3), Nd4j.rand(DataType.DOUBLE, 2, 3)};
        List<Shape> in = shapes(Shape.of(3), Shape.of(3));
        KerasMergeVertexImpl add = vertex((KerasMergeVertex) Dl4jMergeVertices.toDl4j(new Add(), in, Shape.of(3)), x);
        INDArray[] masks = {Nd4j.create(new double[] {1, 0}, 2, 1), Nd4j.create(new double[] {0, 0}, 2, 1)};
        assertValues(new double[] {1, 0}, add.feedForwardMaskArrays(masks, null, 2).getFirst());
        assertEquals(null, add.feedForwardMaskArrays(new INDArray[] {masks[0], null}, null, 2).getFirst());
        assertEquals(null, add.feedForwardMaskArrays(null, null, 2).getFirst());
        KerasMergeVertexImpl dot = vertex((KerasMergeVertex) Dl4jMergeVertices.toDl4j(new Dot(1), in, Shape.of(1)), x);
        assertEquals(null, dot.feedForwardMaskArrays(masks, null, 2).getFirst());
    }
}
