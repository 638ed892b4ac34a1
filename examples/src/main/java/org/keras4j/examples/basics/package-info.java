/**
 * Course basics on ND4J alone, before any model: tensors and automatic differentiation.
 *
 * <pre>{@code
 * ./keras4j run tensors autodiff
 * }</pre>
 */
package org.keras4j.examples.basics;
