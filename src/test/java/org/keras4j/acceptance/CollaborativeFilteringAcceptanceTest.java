package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keras4j.datasets.RestaurantRatings;
import org.keras4j.examples.unsupervised.CollaborativeFilteringExercise;

/**
 * Collaborative filtering with an RBM on the bundled restaurant ratings (UCI, CC BY 4.0), from fixed
 * seeds: a fifth of each user's ratings held out (241 of 1161), a {@code RatingRBM} of 32 hidden
 * units trained for 160 epochs of batch 16 on the rest (1,440 CD-1 steps; measured 13 s of training
 * on 2 cores). Measured held-out RMSE 0.722 against 0.765 for the global mean rating and 0.786 for
 * each restaurant's mean (each user's own mean does better, 0.614, and is reported, not asserted).
 * With the hold-out seeds 1 and 2 the RBM also beat the global mean (0.758 vs 0.785, 0.748 vs 0.775).
 */
class CollaborativeFilteringAcceptanceTest {
    @Test
    void ratingRbm_beatsTheMeanRatingBaselines_onHeldOutRatings() {
        CollaborativeFilteringExercise.Result r = CollaborativeFilteringExercise.evaluate(RestaurantRatings.load(), null);
        System.out.println(r.report());

        assertEquals(241, r.heldOut());
        assertTrue(r.rbmRmse() < r.globalMeanRmse(), r.report());
        assertTrue(r.rbmRmse() < r.itemMeanRmse(), r.report());
        assertEquals(5, r.recommendations().size());
    }
}
