/**
 * DL4J {@code ILossFunction}s that compute Keras's losses exactly where DL4J's built-ins do
 * not; {@link org.keras4j.internal.dl4j.Dl4jLosses} chooses between them and the built-ins.
 */
package org.keras4j.internal.dl4j.losses;
