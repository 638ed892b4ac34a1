package org.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.optimizers.Adam;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DBNTest {
    @Test
    void pretrainedWeights_landInTheSequential_andItsForwardPassEqualsTheStackedTransforms() {
        Keras.setRandomSeed(31);
        INDArray x = RBMTrainingTest.prototypes(90, 1);
        DBN dbn = DBN.of(16, 10, 6);
        List<History> histories = dbn.pretrain(x, new SGD(0.1, 0.5), FitOptions.defaults().epochs(3).batchSize(15).verbose(0));
        assertEquals(2, histories.size());
        assertEquals(3, histories.get(1).size());

        Sequential features = dbn.toSequential();
        assertTrue(features.predict(x).equalsWithEps(dbn.transform(x), 1e-5));
        INDArray byHand = dbn.rbms().get(1).transform(dbn.rbms().get(0).transform(x));
        assertTrue(dbn.transform(x).equalsWithEps(byHand, 0));

        Sequential classifier = dbn.toSequential(3);
        assertEquals(3, classifier.layers().size());
        for (int i = 0; i < 2; i++) {
            List<INDArray> rbm = dbn.rbms().get(i).getWeights();
            List<INDArray> dense = classifier.getLayer(i).getWeights();
            assertEquals(rbm.get(0), dense.get(0).castTo(DataType.FLOAT), "kernel of layer " + i);
            assertEquals(rbm.get(1), dense.get(1).castTo(DataType.FLOAT).reshape(rbm.get(1).shape()), "bias of layer " + i);
        }
        // fine-tuning runs on the unrolled network: labels are the prototype index
        INDArray y = Nd4j.create(DataType.FLOAT, 90);
        for (int i = 0; i < 90; i++) {
            y.putScalar(i, i % 3);
        }
        // compiling again with other settings keeps the pre-trained weights
        INDArray kernel = classifier.getLayer(0).getWeights().get(0);
        classifier.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        assertEquals(kernel, classifier.getLayer(0).getWeights().get(0));
        History h = classifier.fit(x, y, FitOptions.defaults().epochs(30).batchSize(15).verbose(0));
        assertTrue(h.last("accuracy") > 0.9, "accuracy " + h.last("accuracy"));
    }

    @Test
    void sizesMustChain() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DBN(List.of(RBM.builder(8, 4).build(), RBM.builder(5, 2).build())));
        assertTrue(e.getMessage().contains("4 visible units"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DBN.of(8));
        assertThrows(IllegalArgumentException.class, () -> DBN.of(8, 4).toSequential(1));
    }
}
