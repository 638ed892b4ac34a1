/**
 * Keras's own model configs, in and out: Keras 1.x, 2.x, tf.keras and 3.x model configs (JSON) to keras4j models
 * with a compatibility report ({@link org.keras4j.saving.keras.KerasModelConfig},
 * {@link org.keras4j.saving.keras.IncompatibleModelException}), training and compile configs to {@code compile}
 * ({@link org.keras4j.saving.keras.TrainingConfigs}), and keras4j models to the {@code config.json} of a Keras 3
 * {@code .keras} file ({@link org.keras4j.saving.keras.KerasConfigWriter}). Keras's arguments are translated in one
 * table ({@code LayerSpecs}); nothing here executes code from a file.
 */
package org.keras4j.saving.keras;
