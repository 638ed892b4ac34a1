/**
 * DL4J graph vertices for the functional API's layers that are not DL4J layers: the merge layers
 * ({@link org.keras4j.internal.dl4j.graph.Dl4jMergeVertices}). Not API: may change without notice.
 *
 * <pre>{@code
 * graphBuilder.addVertex("add", Dl4jMergeVertices.toDl4j(new Add(), shapes, out), "a", "b");
 * }</pre>
 */
package org.keras4j.internal.dl4j.graph;
