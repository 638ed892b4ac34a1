package org.keras4j.internal.dl4j.layers;

import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * What keras4j's DL4J layers without parameters share ({@link KerasMaskingLayer},
 * {@link KerasPermuteLayer}): no parameters, no input size to set, no preprocessor, no
 * regularization; a subclass gives its running layer ({@link #create}) and its output type.
 *
 * <pre>{@code
 * public class MyLayer extends ShapeOnlyLayer {
 *     protected org.deeplearning4j.nn.api.Layer create(NeuralNetConfiguration conf, DataType type) { ... }
 *     public InputType getOutputType(int index, InputType in) { return in; }
 * }
 * }</pre>
 */
public abstract class ShapeOnlyLayer extends NoParamLayer {

    /** The running layer for this configuration. */
    protected abstract org.deeplearning4j.nn.api.Layer create(NeuralNetConfiguration conf, DataType networkDataType);

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        return LayerWiring.wire(create(conf, networkDataType), this, conf, listeners, index, paramsView,
                initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return EmptyParamInitializer.getInstance();
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport();
    }
}
