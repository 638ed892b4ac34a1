/**
 * Course exercises on linear models: linear regression with one and with two outputs, logistic and softmax
 * regression.
 */
package org.keras4j.examples.linear;
