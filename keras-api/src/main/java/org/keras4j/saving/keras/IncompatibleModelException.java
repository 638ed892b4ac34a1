package org.keras4j.saving.keras;

import java.util.List;

/**
 * The compatibility report of a Keras model config that keras4j cannot build as written: every layer argument it
 * does not honour (with a value other than Keras's default), every layer class or custom object it lacks, every
 * {@code Lambda}, listed at once, before anything is built.
 *
 * <pre>{@code
 * try {
 *     Model model = KerasModelConfig.fromJson(json, "model.json");
 * } catch (IncompatibleModelException e) {
 *     e.problems().forEach(p -> System.out.println(p.layer() + ": " + p.why()));
 * }
 * }</pre>
 */
public class IncompatibleModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * One thing keras4j cannot honour.
     *
     * @param layer     the layer's name in the file ({@code "dense_2"}), or the model's for a model-level problem
     * @param className the layer's Keras class name ({@code "Dense"})
     * @param argument  the Keras argument ({@code "activity_regularizer"}), or null when the whole layer is the problem
     * @param found     the value found, as written in the file (null when not applicable)
     * @param why       why keras4j cannot build it, and what would
     */
    public record Problem(String layer, String className, String argument, String found, String why) {
        @Override
        public String toString() {
            return "layer '" + layer + "' (" + className + ")" + (argument == null ? "" : ", argument '" + argument + "'")
                    + (found == null ? "" : " = " + found) + ": " + why;
        }
    }

    private final transient List<Problem> problems;

    /**
     * @param source names the file, for the message
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public IncompatibleModelException(String source, List<Problem> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found: the layers' arguments in the order of the file, then the calls of a functional graph. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(String source, List<Problem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("an IncompatibleModelException needs at least one problem");
        }
        StringBuilder sb = new StringBuilder(source).append(": keras4j cannot build this Keras model as written (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (Problem p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
