/**
 * A shim restoring the class name DL4J 1.0.0-M2.1 looks up to enable its oneDNN layer helpers (see {@link org.nd4j.nativeblas.Nd4jCpu}).
 */
package org.nd4j.nativeblas;
