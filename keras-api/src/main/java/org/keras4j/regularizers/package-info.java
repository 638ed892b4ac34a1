/**
 * Keras's weight penalties {@code l1}, {@code l2} and {@code l1_l2}, added to the loss, resolved
 * by name through {@link org.keras4j.regularizers.Regularizers}.
 */
package org.keras4j.regularizers;
