package org.keras4j.examples.unsupervised;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.History;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.models.DBN;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A deep belief network on Fashion-MNIST against the same network from random weights. A DBN
 * {@code 784-256-128} (two Bernoulli RBMs, CD-1, SGD 0.1 with momentum 0.9, batch 64) is
 * pre-trained greedily without labels on 20,000 training images, then unrolled into {@code Dense 256
 * sigmoid, Dense 128 sigmoid, Dense 10 softmax} ({@link DBN#toSequential(int)}) and fine-tuned with
 * Adam (1e-3, batch 64); the same {@code Sequential} from Keras's default random initialisation gets
 * exactly the same fine-tuning (labelled images, steps, optimizer, seed). This is done twice: with
 * all 20,000 images labelled and with only the first 1,000 labelled (pre-training still sees all
 * 20,000), the case pre-training was meant for. Both test accuracies are reported each time,
 * whichever is higher: on this budget, with Adam, pre-training does not buy accuracy (measured 0.824
 * against 0.840 with all labels, 0.806 against 0.803 with 1,000).
 *
 * <pre>{@code
 * ./keras4j run dbn --data ../shared/data
 * DbnExercise.Result r = DbnExercise.compare(FashionVectors.load(ctx), DbnExercise.Budget.DEFAULT, null);
 * }</pre>
 */
public final class DbnExercise implements Exercise {
    /** Hidden layer sizes of the DBN (and of the Sequential it unrolls into). */
    public static final int[] HIDDEN = {256, 128};
    /** Test accuracy each network must reach for the exercise to pass (a sigmoid MLP's floor, not a record). */
    public static final double MIN_ACCURACY = 0.80;

    /**
     * How much training each network gets.
     *
     * @param trainImages    the first images of the training set: the DBN pre-trains on all of them, without labels
     * @param pretrainEpochs epochs of CD-1 per RBM
     * @param labelled       for each comparison, how many of those images (the first ones) keep their labels for
     *                       fine-tuning
     * @param finetuneSteps  gradient steps (batches of 64) of supervised training per comparison, the same for both
     *                       networks; rounded up to whole epochs of the labelled images
     */
    public record Budget(int trainImages, int pretrainEpochs, List<Integer> labelled, int finetuneSteps) {
        /** The exercise's and the acceptance test's budget: 20,000 images, and all or 1,000 of them labelled. */
        public static final Budget DEFAULT = new Budget(20_000, 2, List.of(20_000, 1_000), 939);

        public Budget {
            if (trainImages < 1 || pretrainEpochs < 1 || finetuneSteps < 1) {
                throw new IllegalArgumentException("trainImages, pretrainEpochs and finetuneSteps must be >= 1, got "
                        + trainImages + ", " + pretrainEpochs + ", " + finetuneSteps);
            }
            if (labelled == null || labelled.isEmpty()) {
                throw new IllegalArgumentException("labelled must list at least one labelled-image count, got "
                        + labelled);
            }
            for (int n : labelled) {
                if (n < 1 || n > trainImages) {
                    throw new IllegalArgumentException("each labelled count must be in [1, trainImages=" + trainImages
                            + "], got " + n);
                }
            }
            labelled = List.copyOf(labelled);
        }

        /** Fine-tuning epochs over {@code labelledImages} images that make at least {@link #finetuneSteps} steps. */
        public int epochs(int labelledImages) {
            int stepsPerEpoch = (labelledImages + BATCH - 1) / BATCH;
            return (finetuneSteps + stepsPerEpoch - 1) / stepsPerEpoch;
        }
    }

    /**
     * One comparison: both networks fine-tuned on the same labelled images.
     *
     * @param labelled           labelled training images
     * @param epochs             fine-tuning epochs of both networks
     * @param pretrainedAccuracy test accuracy of the pre-trained and fine-tuned DBN
     * @param randomAccuracy     test accuracy of the same network trained from random weights
     * @param dbnSeconds         fine-tuning time of the unrolled DBN
     * @param randomSeconds      training time of the randomly initialised network
     */
    public record Row(int labelled, int epochs, double pretrainedAccuracy, double randomAccuracy, double dbnSeconds,
            double randomSeconds) {
        /** Pre-trained minus random test accuracy (negative when pre-training did worse). */
        public double gain() {
            return pretrainedAccuracy - randomAccuracy;
        }

        /** Both accuracies in one line. */
        public String report() {
            return String.format(Locale.ROOT, "%,d labelled images, %d epochs: test accuracy DBN %.4f, random init %.4f"
                            + " (difference %+.4f); fine-tuned in %.1f s and %.1f s",
                    labelled, epochs, pretrainedAccuracy, randomAccuracy, gain(), dbnSeconds, randomSeconds);
        }
    }

    /**
     * The comparisons, in the order of {@link Budget#labelled()}, and the pre-training time.
     *
     * @param rows            one per labelled-image count
     * @param pretrainSeconds greedy pre-training of both RBMs
     */
    public record Result(List<Row> rows, double pretrainSeconds) {
        /** All training: pre-training and every fine-tuning of both networks. */
        public double trainSeconds() {
            return pretrainSeconds + rows.stream().mapToDouble(r -> r.dbnSeconds() + r.randomSeconds()).sum();
        }

        /** Every comparison's line, then the times. */
        public String report() {
            StringBuilder b = new StringBuilder();
            for (Row r : rows) {
                b.append(r.report()).append('\n');
            }
            return b.append(String.format(Locale.ROOT, "pre-training %.1f s; all training %.1f s", pretrainSeconds,
                    trainSeconds())).toString();
        }
    }

    private static final int BATCH = 64;

    @Override
    public String name() {
        return "dbn";
    }

    @Override
    public String title() {
        return "Deep belief network on Fashion-MNIST: pre-trained + fine-tuned vs random init (full data)";
    }

    /** Pre-trains once, then fine-tunes the DBN and trains its random-weight twin per labelled count, from fixed seeds. */
    public static Result compare(TrainTest<FashionVectors> data, Budget budget, ExerciseContext ctx) {
        int verbose = ctx == null ? 0 : 2;
        FashionVectors train = data.train().first(budget.trainImages());
        INDArray testY = labels(data.test());

        Keras.setRandomSeed(0);
        DBN dbn = DBN.of(FashionVectors.PIXELS, HIDDEN);
        long start = System.nanoTime();
        List<History> pretraining = dbn.pretrain(train.x(), new SGD(0.1, 0.9),
                FitOptions.defaults().epochs(budget.pretrainEpochs()).batchSize(BATCH).verbose(verbose));
        double pretrainSeconds = seconds(start);
        print(ctx, pretraining);

        List<Row> rows = new ArrayList<>();
        for (int n : budget.labelled()) {
            FashionVectors labelled = train.first(n);
            INDArray y = labels(labelled);
            int epochs = budget.epochs(n);
            FitOptions finetune = FitOptions.defaults().epochs(epochs).batchSize(BATCH).verbose(verbose);
            // toSequential(10) copies the RBMs' weights into a new model compiled with adam (1e-3), sparse categorical
            // cross-entropy and accuracy: so is the twin, and both see the same batches from the same seed
            Keras.setRandomSeed(1);
            Sequential pretrained = dbn.toSequential(10);
            start = System.nanoTime();
            pretrained.fit(labelled.x(), y, finetune);
            double dbnSeconds = seconds(start);
            double pretrainedAccuracy = pretrained.evaluate(data.test().x(), testY).get("accuracy");

            Keras.setRandomSeed(1);
            Sequential random = twin();
            start = System.nanoTime();
            random.fit(labelled.x(), y, finetune);
            double randomSeconds = seconds(start);
            double randomAccuracy = random.evaluate(data.test().x(), testY).get("accuracy");
            Row row = new Row(n, epochs, pretrainedAccuracy, randomAccuracy, dbnSeconds, randomSeconds);
            if (ctx != null) {
                ctx.out().println(row.report());
            }
            rows.add(row);
        }
        return new Result(rows, pretrainSeconds);
    }

    /** The architecture {@link DBN#toSequential(int)} builds, from Keras's default initialisation. */
    static Sequential twin() {
        Sequential model = new Sequential("random_init", new Input(FashionVectors.PIXELS),
                new Dense(HIDDEN[0], "sigmoid"), new Dense(HIDDEN[1], "sigmoid"), new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    private static INDArray labels(FashionVectors v) {
        return Nd4j.createFromArray(v.labels()).castTo(DataType.FLOAT).reshape(v.size(), 1);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void print(ExerciseContext ctx, List<History> pretraining) {
        if (ctx == null) {
            return;
        }
        for (int i = 0; i < pretraining.size(); i++) {
            List<Double> loss = pretraining.get(i).get("loss");
            ctx.out().printf(Locale.ROOT, "RBM %d reconstruction mse: %.4f -> %.4f%n", i + 1, loss.get(0),
                    loss.get(loss.size() - 1));
        }
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        Budget b = Budget.DEFAULT;
        ctx.out().printf(Locale.ROOT, "DBN 784-%d-%d pre-trained on %,d Fashion-MNIST training images (%d CD-1 epochs per"
                + " RBM), fine-tuned on %s of them with labels; the same network from random weights gets the same"
                + " images and steps (%d batches of %d)%n", HIDDEN[0], HIDDEN[1], b.trainImages(), b.pretrainEpochs(),
                b.labelled(), b.finetuneSteps(), BATCH);
        Result r = compare(FashionVectors.load(ctx), b, ctx);
        ctx.out().println(r.report());
        StringBuilder text = new StringBuilder();
        boolean passed = true;
        for (Row row : r.rows()) {
            text.append(text.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%,d labels: DBN %.4f,"
                    + " random %.4f", row.labelled(), row.pretrainedAccuracy(), row.randomAccuracy()));
            passed &= row.labelled() < b.trainImages()
                    || row.pretrainedAccuracy() >= MIN_ACCURACY && row.randomAccuracy() >= MIN_ACCURACY;
        }
        return ExerciseResult.of("test accuracy", r.rows().get(0).pretrainedAccuracy(), text.toString())
                .withDetails(r.report()).withPassed(passed);
    }
}
