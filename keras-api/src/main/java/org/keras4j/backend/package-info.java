/**
 * The ND4J backend keras4j runs on: what loaded, and the fast, safe settings keras4j applies
 * (thread pools, DL4J's oneDNN layer helpers, the CUDA device check).
 *
 * <pre>{@code
 * System.out.println(org.keras4j.backend.Backend.report());
 * }</pre>
 */
package org.keras4j.backend;
