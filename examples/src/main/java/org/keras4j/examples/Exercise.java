package org.keras4j.examples;

/**
 * One course exercise: a short program that prints what it does and returns one headline result.
 *
 * <p>To add an exercise, write one class and add an instance to {@link Exercises#all()}:
 *
 * <pre>{@code
 * public final class XorExercise implements Exercise {
 *     public String name() { return "xor"; }
 *     public String title() { return "XOR with a two-layer MLP"; }
 *     public ExerciseResult run(ExerciseContext ctx) {
 *         ctx.out().println("training 2-4-1 MLP on the XOR table");
 *         double accuracy = ...;
 *         return ExerciseResult.of("accuracy", accuracy);
 *     }
 * }
 * }</pre>
 */
public interface Exercise {

    /** Short command-line name, lower case without spaces ({@code "tensors"}); unique among exercises. */
    String name();

    /** One-line description shown by {@code keras4j list}. */
    String title();

    /**
     * Runs the exercise, printing its progress to {@link ExerciseContext#out()}.
     *
     * @return the headline result; an exception means the exercise could not run at all
     * @throws Exception when the exercise cannot run (missing data, …); the launcher reports it in one line
     */
    ExerciseResult run(ExerciseContext ctx) throws Exception;
}
