package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.keras4j.backend.Backend;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Not a test: min times of forward and backward of one convolution, oneDNN (DL4J) against the GEMM path, interleaved. */
public final class ConvMicroBench {
    private ConvMicroBench() {
    }

    public static void main(String[] args) {
        Backend.configure();
        int n = Integer.parseInt(args[0]);
        int h = Integer.parseInt(args[1]);
        int cin = Integer.parseInt(args[2]);
        int k = Integer.parseInt(args[3]);
        int f = Integer.parseInt(args[4]);
        boolean dx = Boolean.parseBoolean(args[5]);
        int reps = Integer.parseInt(args[6]);
        GemmConvolutionLayer[] layers = new GemmConvolutionLayer[2];
        for (int i = 0; i < 2; i++) {
            ConvolutionLayer conv = new ConvolutionLayer.Builder(k, k).nOut(f).activation(Activation.IDENTITY)
                    .convolutionMode(ConvolutionMode.Same).dataFormat(CNN2DFormat.NHWC).build();
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                    .layer(new KerasConvolutionLayer(conv))
                    .layer(new OutputLayer.Builder(LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
                    .setInputType(InputType.convolutional(h, h, cin, CNN2DFormat.NHWC)).build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            net.initGradientsView();
            Backend.prepare(net);
            layers[i] = (GemmConvolutionLayer) net.getLayer(0);
            layers[i].setEnabled(i == 1);
            layers[i].setMaxInputChannels(1024);
            layers[i].setInputGradientUnused(!dx);
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, n, h, h, cin);
        INDArray eps = Nd4j.rand(DataType.FLOAT, n, h, h, f);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        long[][] best = {{Long.MAX_VALUE, Long.MAX_VALUE}, {Long.MAX_VALUE, Long.MAX_VALUE}};
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < 2; i++) {
                GemmConvolutionLayer l = layers[(r + i) % 2];
                int which = (r + i) % 2;
                l.setInput(x, mgr);
                long t0 = System.nanoTime();
                l.activate(true, mgr);
                long t1 = System.nanoTime();
                l.backpropGradient(eps, mgr);
                long t2 = System.nanoTime();
                best[which][0] = Math.min(best[which][0], t1 - t0);
                best[which][1] = Math.min(best[which][1], t2 - t1);
            }
        }
        System.out.printf("n=%d h=%d cin=%d k=%d f=%d dx=%b: oneDNN fwd %.3f bwd %.3f ms | gemm fwd %.3f bwd %.3f ms%n",
                n, h, cin, k, f, dx, best[0][0] / 1e6, best[0][1] / 1e6, best[1][0] / 1e6, best[1][1] / 1e6);
    }
}
