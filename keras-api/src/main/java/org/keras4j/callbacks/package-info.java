/**
 * The {@link org.keras4j.callbacks.Callback} contract and {@link org.keras4j.callbacks.History};
 * the standard callbacks (EarlyStopping, ModelCheckpoint, …) live in keras4j-training under
 * the same package.
 */
package org.keras4j.callbacks;
