/**
 * Core layers: {@code Input}, {@code Dense}, {@code Activation}.
 */
package org.keras4j.layers.core;
