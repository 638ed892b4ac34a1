package org.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ReduceLROnPlateauTest {
    private final INDArray[] data = TinyModels.data(3);

    private History fit(Sequential model, int epochs, Callback... callbacks) {
        return model.fit(data[0], data[1], FitOptions.defaults().epochs(epochs).batchSize(16).verbose(0).callbacks(callbacks));
    }

    @Test
    void plateau_reducesAfterPatienceWithCooldownAndFloor() {
        Sequential model = TinyModels.regression(1);
        model.optimizer().setLearningRate(0.1);
        ReduceLROnPlateau reduce = new ReduceLROnPlateau("val_loss").withFactor(0.5).withPatience(2).withCooldown(1)
                .withMinDelta(0).withMinLr(0.02);
        // a flat val_loss after epoch 0: reductions at epochs 2, 4, 6 (each after a 1-epoch cooldown), then the floor
        History h = fit(model, 10, TinyModels.script("val_loss", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), reduce);
        // the logged rate is the one the epoch trained with, read before the epoch's reduction
        List<Double> expected = List.of(0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02);
        List<Double> logged = h.get("learning_rate");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), logged.get(i), 1e-12, "epoch " + i + ": " + logged);
        }
        assertEquals(0.02, model.optimizer().getLearningRate(), 1e-12);
    }

    @Test
    void improvementResetsTheWait() {
        Sequential model = TinyModels.regression(1);
        model.optimizer().setLearningRate(0.1);
        ReduceLROnPlateau reduce = new ReduceLROnPlateau().withFactor(0.1).withPatience(2);
        // improvements (by more than minDelta 1e-4) at epochs 0, 2, 4: never two bad epochs in a row until 5, 6
        History h = fit(model, 7, TinyModels.script("val_loss", 1.0, 1.0, 0.9, 0.95, 0.8, 0.79995, 0.81), reduce);
        assertEquals(List.of(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1), h.get("learning_rate").subList(0, 7));
        assertEquals(0.01, model.optimizer().getLearningRate(), 1e-12);
    }

    @Test
    void reducedRate_reachesTheDl4jNetwork() {
        Sequential model = TinyModels.regression(1);
        model.optimizer().setLearningRate(0.1);
        ReduceLROnPlateau reduce = new ReduceLROnPlateau("loss").withPatience(0).withFactor(0.5);
        fit(model, 3, TinyModels.script("loss", 1, 1, 1), reduce);
        // reduced after epochs 1 and 2; the last reduction is applied from the next batch, so train one more
        fit(model, 1);
        MultiLayerNetwork net = (MultiLayerNetwork) model.network().unwrap();
        assertEquals(0.025, net.getLearningRate(0), 1e-9);
    }

    @Test
    void autoMode_maximisesWhenTheNameContainsAcc() {
        Sequential model = TinyModels.regression(1);
        model.optimizer().setLearningRate(0.1);
        ReduceLROnPlateau reduce = new ReduceLROnPlateau("val_acc").withPatience(1).withFactor(0.5);
        fit(model, 3, TinyModels.script("val_acc", 0.5, 0.6, 0.7), reduce);
        assertEquals(0.1, model.optimizer().getLearningRate(), 1e-12);
    }

    @Test
    void factorOfOneOrMore_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReduceLROnPlateau().withFactor(1.0));
        assertEquals("ReduceLROnPlateau does not support a factor >= 1.0. Received: factor=1.0", e.getMessage());
    }
}
