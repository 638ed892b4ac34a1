/**
 * DL4J weight initializers ({@code IWeightInit}) that draw exactly Keras's distributions where
 * DL4J's differ (truncated normals with Keras's stddev correction, lecun_uniform, orthogonal,
 * rectangular identity), and Keras's fan computation.
 */
package org.keras4j.internal.dl4j.initializers;
