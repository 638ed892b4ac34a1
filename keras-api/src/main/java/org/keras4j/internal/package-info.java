/**
 * Helpers the API's packages share that are not part of the API (host copies of ND4J arrays);
 * the translation to DL4J is in {@code org.keras4j.internal.dl4j}. Not API: may change without notice.
 */
package org.keras4j.internal;
