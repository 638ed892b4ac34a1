/**
 * keras4j's performance benchmark: keras4j against the same networks written by hand in DL4J
 * (ND4J's default settings and keras4j's tuned ones) and against PyTorch, in one run.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     org.keras4j.examples.benchmark.Benchmark     # writes benchmark/results.md
 * }</pre>
 */
package org.keras4j.examples.benchmark;
