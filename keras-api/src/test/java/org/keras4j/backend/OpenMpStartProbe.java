package org.keras4j.backend;

import org.nd4j.linalg.factory.Nd4j;

/** Child-JVM entry point for {@link OpenMpWaitPolicyTest}: starts ND4J, which loads libgomp. */
final class OpenMpStartProbe {
    private OpenMpStartProbe() {
    }

    public static void main(String[] args) {
        Nd4j.create(2, 2).addi(1);
        System.out.println("policy: " + OpenMpWaitPolicy.current());
    }
}
