package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.Flatten;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Not a test: a main that times (minimum over steps) each layer of W2's training step (forward, backward), the updater and a whole fit. */
public final class CnnStepProfile {
    private CnnStepProfile() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Sequential model = new Sequential(new Input(28, 28, 1),
                new Conv2D(16, 5, "relu").withPadding("same"), new MaxPooling2D(2),
                new Conv2D(32, 5, "relu").withPadding("same"), new MaxPooling2D(2),
                new Flatten(), new Dense(10, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 64 * 20, 28, 28, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64 * 20, 10);
        for (int i = 0; i < 64 * 20; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        FitOptions fo = FitOptions.defaults().epochs(1).batchSize(64).verbose(0);
        model.fit(x, y, fo);
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        Layer[] layers = net.getLayers();
        int n = layers.length;
        long[] fwd = new long[n];
        long[] bwd = new long[n];
        long upd = 0;
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray xb = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64)).dup();
        INDArray yb = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64)).dup();
        for (int s = 0; s < steps; s++) {
            boolean timed = s >= steps / 3;
            INDArray a = xb;
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pp != null) {
                    a = pp.preProcess(a, 64, mgr);
                }
                layers[i].setInput(a, mgr);
                if (i == n - 1) {
                    ((BaseOutputLayer<?>) layers[i]).setLabels(yb);
                    ((BaseOutputLayer<?>) layers[i]).computeScore(0, true, mgr);
                } else {
                    a = layers[i].activate(true, mgr);
                }
                if (timed) {
                    fwd[i] = Math.min(fwd[i] == 0 ? Long.MAX_VALUE : fwd[i], System.nanoTime() - t);
                }
            }
            INDArray eps = null;
            for (int i = n - 1; i >= 0; i--) {
                long t = System.nanoTime();
                Pair<Gradient, INDArray> p = layers[i].backpropGradient(eps, mgr);
                eps = p.getSecond();
                InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pp != null && eps != null) {
                    eps = pp.backprop(eps, 64, mgr);
                }
                if (timed) {
                    bwd[i] = Math.min(bwd[i] == 0 ? Long.MAX_VALUE : bwd[i], System.nanoTime() - t);
                }
            }
            long t = System.nanoTime();
            net.setInput(xb);
            net.setLabels(yb);
            net.computeGradientAndScore();
            if (timed) {
                upd = Math.min(upd == 0 ? Long.MAX_VALUE : upd, System.nanoTime() - t);
            }
        }
        int timedSteps = 1; // minima
        double total = 0;
        for (int i = 0; i < n; i++) {
            System.out.printf("%-40s fwd %7.3f ms  bwd %7.3f ms%n", i + ":" + layers[i].getClass().getSimpleName()
                    + (net.getLayerWiseConfigurations().getInputPreProcess(i) != null ? "+pp" : ""),
                    fwd[i] / 1e6 / timedSteps, bwd[i] / 1e6 / timedSteps);
            total += (fwd[i] + bwd[i]) / 1e6 / timedSteps;
        }
        System.out.printf("sum of layers %.3f ms, computeGradientAndScore %.3f ms%n", total, upd / 1e6 / timedSteps);
        for (int r = 0; r < 3; r++) {
            long t = System.nanoTime();
            model.fit(x, y, fo);
            System.out.printf("fit: %.3f ms per step, %.0f images/s%n", (System.nanoTime() - t) / 1e6 / 20,
                    64 * 20 / ((System.nanoTime() - t) / 1e9));
        }
    }
}
