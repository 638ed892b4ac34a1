/**
 * Normalization layers ({@code BatchNormalization}).
 */
package org.keras4j.layers.normalization;
