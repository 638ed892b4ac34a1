/**
 * Keras's optimizers with Keras 3's defaults and update rules: {@code SGD}, {@code Adam},
 * {@code AdamW}, {@code RMSprop}, {@code Adagrad}, {@code Adadelta}, {@code Adamax},
 * {@code Nadam}, resolved by name through {@link org.keras4j.optimizers.Optimizers}.
 */
package org.keras4j.optimizers;
