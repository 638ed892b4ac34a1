/**
 * Keras's weight initializers ({@code glorot_uniform}, {@code he_normal}, {@code orthogonal}, …)
 * as immutable values, resolved by name through {@link org.keras4j.initializers.Initializers}.
 */
package org.keras4j.initializers;
