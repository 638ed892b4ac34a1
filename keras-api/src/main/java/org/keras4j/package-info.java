/**
 * keras4j: Keras for Java on Deeplearning4j. Start with {@link org.keras4j.Sequential}, {@link org.keras4j.FitOptions} and {@link org.keras4j.Keras#setRandomSeed(long)}.
 */
package org.keras4j;
