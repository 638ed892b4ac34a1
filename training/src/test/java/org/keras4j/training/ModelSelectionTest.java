package org.keras4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.callbacks.TinyModels;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ModelSelectionTest {
    private final INDArray[] train = TinyModels.data(21);
    private final INDArray[] val = TinyModels.data(22);

    private static Sequential mlp(double lr) {
        Sequential m = new Sequential(new Input(3), new Dense(8, "tanh"), new Dense(1));
        m.compile(new SGD(lr), "mse", "mae");
        return m;
    }

    @Test
    void keepsTheLowestValidationLoss_andTablesEveryCandidate() {
        ModelSelection.Result<Double> r = ModelSelection.of(List.of(1e-5, 0.1, 1e-3), ModelSelectionTest::mlp)
                .withLabels(lr -> "lr=" + lr)
                .withSeed(3)
                .fit(train[0], train[1], val[0], val[1], FitOptions.defaults().epochs(10).batchSize(16).verbose(0));
        assertEquals(3, r.trials().size());
        double lowest = r.trials().stream().mapToDouble(ModelSelection.Trial::validationLoss).min().orElseThrow();
        assertEquals(lowest, r.best().validationLoss());
        assertEquals(0.1, r.best().configuration());
        assertEquals(r.best().model().evaluate(val[0], val[1]).get("loss"), r.best().validationLoss(), 1e-12);
        String table = r.table();
        String[] lines = table.split("\n");
        assertEquals(4, lines.length, table);
        assertTrue(lines[0].contains("val_loss") && lines[0].contains("val_mae"), table);
        assertTrue(lines[2].startsWith("*") && lines[2].contains("lr=0.1"), table);
        assertTrue(lines[1].startsWith(" ") && lines[1].contains("lr=1.0E-5"), table);
        assertEquals(List.of("lr=1.0E-5", "lr=0.1", "lr=0.001"), List.copyOf(r.histories().keySet()));
    }

    @Test
    void sameSeed_givesEveryCandidateTheSameStart() {
        ModelSelection.Result<Double> r = ModelSelection.of(List.of(0.05, 0.05), ModelSelectionTest::mlp).withSeed(9)
                .fit(train[0], train[1], val[0], val[1], FitOptions.defaults().epochs(2).verbose(0));
        assertEquals(r.trials().get(0).validationLoss(), r.trials().get(1).validationLoss());
    }

    @Test
    void optionsWithValidationSplit_throw() {
        ModelSelection<Double> s = ModelSelection.of(List.of(0.1), ModelSelectionTest::mlp);
        assertThrows(IllegalArgumentException.class, () -> s.fit(train[0], train[1], val[0], val[1],
                FitOptions.defaults().epochs(1).validationSplit(0.2)));
    }

    @Test
    void uncompiledCandidate_throwsNamingIt() {
        ModelSelection<Integer> s = ModelSelection.of(List.of(4),
                w -> new Sequential(new Input(3), new Dense(w), new Dense(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.fit(train[0], train[1], val[0], val[1], FitOptions.defaults().epochs(1)));
        assertTrue(e.getMessage().contains("for 4 it returned an uncompiled model"), e.getMessage());
    }
}
