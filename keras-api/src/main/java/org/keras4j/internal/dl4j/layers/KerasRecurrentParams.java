package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link KerasRecurrent} layer, in Keras's layout and gate order, as views of
 * the network's flat parameter vector: {@code W} (kernel {@code [features, G * units]}),
 * {@code RW} (recurrent kernel {@code [units, G * units]}), {@code b} (bias {@code [1, G * units]},
 * or {@code [2, 3 * units]} for a GRU with {@code resetAfter}: input bias, recurrent bias),
 * absent without {@code useBias}. Each is drawn by its own initializer; an LSTM with
 * {@code unitForgetBias} then sets its forget-gate biases to 1, as Keras does.
 *
 * <pre>{@code
 * Map<String, INDArray> views = KerasRecurrentParams.INSTANCE.init(conf, paramsView, true);
 * }</pre>
 */
final class KerasRecurrentParams implements ParamInitializer {
    static final KerasRecurrentParams INSTANCE = new KerasRecurrentParams();
    static final String KERNEL = "W";
    static final String RECURRENT_KERNEL = "RW";
    static final String BIAS = "b";

    private KerasRecurrentParams() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        KerasRecurrent r = (KerasRecurrent) layer;
        long columns = columns(r);
        return (r.getNIn() + r.getNOut()) * columns + (r.isUseBias() ? biasRows(r) * columns : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return ((KerasRecurrent) layer).isUseBias() ? List.of(KERNEL, RECURRENT_KERNEL, BIAS)
                : List.of(KERNEL, RECURRENT_KERNEL);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(KERNEL, RECURRENT_KERNEL);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return ((KerasRecurrent) layer).isUseBias() ? List.of(BIAS) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return KERNEL.equals(key) || RECURRENT_KERNEL.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        KerasRecurrent r = (KerasRecurrent) conf.getLayer();
        Map<String, INDArray> views = views(r, paramsView);
        if (initializeParams) {
            long features = r.getNIn();
            long units = r.getNOut();
            long columns = columns(r);
            r.getWeightInitFn().init(features, columns, new long[] {features, columns}, 'f', views.get(KERNEL));
            r.getWeightInitRecurrent().init(units, columns, new long[] {units, columns}, 'f',
                    views.get(RECURRENT_KERNEL));
            if (r.isUseBias()) {
                INDArray b = views.get(BIAS);
                IWeightInit bias = r.getBiasWeightInit() != null ? r.getBiasWeightInit()
                        : new WeightInitConstant(r.getBiasInit());
                bias.init(columns, columns, b.shape(), 'f', b);
                if (r.getCell() == KerasRecurrent.Cell.LSTM && r.isUnitForgetBias()) {
                    b.get(all(), interval(units, 2 * units)).assign(1);
                }
            }
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((KerasRecurrent) conf.getLayer(), gradientView);
    }

    /** {@code W}, {@code RW} and {@code b}, column-major views of consecutive ranges of {@code flat}. */
    private static Map<String, INDArray> views(KerasRecurrent r, INDArray flat) {
        long features = r.getNIn();
        long units = r.getNOut();
        long columns = columns(r);
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long kernel = features * columns;
        long recurrent = units * columns;
        out.put(KERNEL, row.get(interval(0, kernel)).reshape('f', features, columns));
        out.put(RECURRENT_KERNEL, row.get(interval(kernel, kernel + recurrent)).reshape('f', units, columns));
        if (r.isUseBias()) {
            long rows = biasRows(r);
            out.put(BIAS, row.get(interval(kernel + recurrent, kernel + recurrent + rows * columns))
                    .reshape('f', rows, columns));
        }
        return out;
    }

    private static long columns(KerasRecurrent r) {
        return (long) r.getCell().gates() * r.getNOut();
    }

    private static long biasRows(KerasRecurrent r) {
        return r.twoBiasRows() ? 2 : 1;
    }
}
