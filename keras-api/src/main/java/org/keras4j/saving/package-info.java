/**
 * Whole-model and weights-only files (one zip: architecture JSON, weights, optimizer state), written atomically.
 */
package org.keras4j.saving;
