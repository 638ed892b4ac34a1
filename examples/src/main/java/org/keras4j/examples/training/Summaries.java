package org.keras4j.examples.training;

import org.keras4j.examples.ExerciseResult;

/** Appends a one-line summary to a result's details without hiding its failed checks. */
final class Summaries {
    private Summaries() {
    }

    static ExerciseResult add(ExerciseResult result, String summary) {
        return result.withDetails(result.details().isEmpty() ? summary : result.details() + "; " + summary);
    }
}
