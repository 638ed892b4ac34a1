/**
 * Core layers: {@code Input}, {@code Dense}, {@code Activation}, {@code Embedding}, {@code Masking}.
 */
package org.keras4j.layers.core;
