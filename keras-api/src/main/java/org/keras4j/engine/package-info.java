/**
 * The training engine behind {@code fit}, {@code evaluate} and {@code predict}: batch sources, the epoch loop, progress output, data checks and the summary table. Backend-neutral: it sees the DL4J network only through {@link org.keras4j.engine.CompiledNetwork}.
 */
package org.keras4j.engine;
