package org.keras4j.examples.unsupervised;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.datasets.RestaurantRatings;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.models.RatingRBM;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Collaborative filtering with an RBM on the restaurant ratings (UCI, CC BY 4.0, bundled with
 * keras4j-datasets): 138 users x 130 restaurants, 1161 ratings on three levels. A fixed random
 * fifth of each user's ratings is held out (seed {@value #SEED}); a {@link RatingRBM} with
 * {@value #HIDDEN} hidden units (CD-1, SGD {@value #LEARNING_RATE} with momentum 0.5, batch
 * {@value #BATCH}, {@value #EPOCHS} epochs) learns from the rest, and predicts each held-out rating
 * as its expected rating given the user's known ones. Its RMSE is compared with three mean-rating
 * baselines computed on the known ratings (the global mean, each restaurant's mean, each user's
 * mean); then the top-5 restaurants the user {@value #USER} has not rated.
 *
 * <pre>{@code
 * ./keras4j run collaborative-filtering
 * CollaborativeFilteringExercise.Result r = CollaborativeFilteringExercise.evaluate(RestaurantRatings.load(), null);
 * }</pre>
 */
public final class CollaborativeFilteringExercise implements Exercise {
    public static final long SEED = 42;
    public static final double HELD_OUT = 0.2;
    public static final int HIDDEN = 32;
    public static final double LEARNING_RATE = 0.05;
    public static final int BATCH = 16;
    public static final int EPOCHS = 160;
    /** The user whose recommendations are shown: the first user of the file. */
    public static final String USER = "U1077";

    /**
     * What the exercise measured.
     *
     * @param heldOut         held-out ratings
     * @param rbmRmse         the RBM's RMSE on them, on the 1..3 scale
     * @param globalMeanRmse  RMSE of predicting the mean known rating everywhere
     * @param itemMeanRmse    RMSE of each restaurant's mean known rating (the global mean for a restaurant with none)
     * @param userMeanRmse    RMSE of each user's mean known rating
     * @param trainSeconds    training time of the RBM
     * @param recommendations the top 5 unrated places for {@link #USER}, with their expected ratings, best first
     */
    public record Result(int heldOut, double rbmRmse, double globalMeanRmse, double itemMeanRmse, double userMeanRmse,
            double trainSeconds, List<String> recommendations) {
        /** The numbers in one paragraph. */
        public String report() {
            return String.format(Locale.ROOT, "held-out RMSE on %d ratings (levels 1..3): RBM %.4f; mean-rating baselines:"
                            + " global %.4f, per restaurant %.4f, per user %.4f; RBM trained in %.1f s%n"
                            + "top 5 for %s: %s", heldOut, rbmRmse, globalMeanRmse, itemMeanRmse, userMeanRmse,
                    trainSeconds, USER, String.join(", ", recommendations));
        }
    }

    @Override
    public String name() {
        return "collaborative-filtering";
    }

    @Override
    public String title() {
        return "Collaborative filtering with an RBM on restaurant ratings: held-out RMSE vs mean-rating baselines";
    }

    /** Splits, trains and scores from fixed seeds; prints the training progress when {@code ctx} is given. */
    public static Result evaluate(RestaurantRatings.Ratings all, ExerciseContext ctx) {
        RestaurantRatings.Ratings[] split = all.holdOut(HELD_OUT, SEED);
        INDArray known = split[0].ratings();
        INDArray heldOut = split[1].ratings();

        Keras.setRandomSeed(0);
        RatingRBM cf = RatingRBM.builder(all.items().size(), RestaurantRatings.LEVELS, HIDDEN).build();
        cf.compile(new SGD(LEARNING_RATE, 0.5));
        long start = System.nanoTime();
        cf.fit(known, FitOptions.defaults().epochs(EPOCHS).batchSize(BATCH).verbose(ctx == null ? 0 : 2));
        double seconds = (System.nanoTime() - start) / 1e9;
        double rmse = cf.rmse(known, heldOut);

        float[][] k = known.toFloatMatrix();
        float[][] h = heldOut.toFloatMatrix();
        int users = k.length;
        int items = k[0].length;
        double[] itemSum = new double[items];
        int[] itemCount = new int[items];
        double[] userMean = new double[users];
        double sum = 0;
        int count = 0;
        for (int u = 0; u < users; u++) {
            double s = 0;
            int n = 0;
            for (int i = 0; i < items; i++) {
                if (k[u][i] != 0) {
                    itemSum[i] += k[u][i];
                    itemCount[i]++;
                    s += k[u][i];
                    n++;
                }
            }
            sum += s;
            count += n;
            userMean[u] = s / n;  // holdOut leaves every user at least one known rating
        }
        double globalMean = sum / count;
        double global = 0;
        double item = 0;
        double user = 0;
        int held = 0;
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (h[u][i] != 0) {
                    double itemMean = itemCount[i] == 0 ? globalMean : itemSum[i] / itemCount[i];
                    global += square(h[u][i] - globalMean);
                    item += square(h[u][i] - itemMean);
                    user += square(h[u][i] - userMean[u]);
                    held++;
                }
            }
        }

        int row = all.userIndex(USER);
        INDArray expected = cf.predictRatings(known.getRow(row, true));
        List<String> top = new ArrayList<>();
        for (int i : cf.recommend(row, 5)) {
            top.add(String.format(Locale.ROOT, "place %s (%.2f)", all.items().get(i), expected.getDouble(0, i)));
        }
        return new Result(held, rmse, Math.sqrt(global / held), Math.sqrt(item / held), Math.sqrt(user / held), seconds,
                top);
    }

    private static double square(double x) {
        return x * x;
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        RestaurantRatings.Ratings all = RestaurantRatings.load();
        ctx.out().printf(Locale.ROOT, "%d users x %d restaurants, %d ratings; holding out %.0f %% of each user's"
                        + " ratings (seed %d); RatingRBM with %d hidden units, %d epochs%n", all.users().size(),
                all.items().size(), all.count(), HELD_OUT * 100, SEED, HIDDEN, EPOCHS);
        Result r = evaluate(all, ctx);
        ctx.out().println(r.report());
        String text = String.format(Locale.ROOT, "%.4f (global mean %.4f, per restaurant %.4f)", r.rbmRmse(),
                r.globalMeanRmse(), r.itemMeanRmse());
        return ExerciseResult.of("held-out RMSE", r.rbmRmse(), text).withDetails(r.report())
                .withPassed(r.rbmRmse() < r.globalMeanRmse());
    }
}
