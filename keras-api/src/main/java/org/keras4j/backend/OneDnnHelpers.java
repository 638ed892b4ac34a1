package org.keras4j.backend;

import java.util.Properties;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;

/**
 * Turns on DL4J's oneDNN layer helpers (convolution, pooling, batch normalization, LRN), which
 * DL4J 1.0.0-M2.1 leaves off.
 *
 * <p>Three things must hold for a DL4J layer to get its oneDNN helper: the native build has
 * oneDNN (the {@code linux-x86_64-onednn} classifier of {@code nd4j-native}), the system property
 * {@code org.eclipse.deeplearning4j.helpers.disable} is {@code false} when the layer is created
 * (M2.1 defaults it to {@code true}), and DL4J's reflective check finds
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} (restored by keras4j's class of that name).
 * This class handles the property; {@code keras4j.onednn.helpers=false} keeps the helpers off.
 *
 * <pre>{@code
 * String why = OneDnnHelpers.enable(System.getProperties());
 * }</pre>
 */
final class OneDnnHelpers {
    static final String PROPERTY = "keras4j.onednn.helpers";
    static final String DL4J_DISABLE = DL4JSystemProperties.DISABLE_HELPER_PROPERTY;

    private OneDnnHelpers() {
    }

    /**
     * Sets DL4J's helper switch in {@code props} unless the user set it, and says why it has its
     * value.
     *
     * @throws IllegalArgumentException if {@code keras4j.onednn.helpers} is not true or false
     */
    static String enable(Properties props) {
        String own = props.getProperty(PROPERTY);
        boolean wanted = true;
        if (own != null) {
            if (!own.equalsIgnoreCase("true") && !own.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(
                        "System property " + PROPERTY + " must be true or false, got '" + own + "'");
            }
            wanted = Boolean.parseBoolean(own);
        }
        String dl4j = props.getProperty(DL4J_DISABLE);
        if (dl4j != null && own == null) {
            return "system property " + DL4J_DISABLE + "=" + dl4j;
        }
        props.setProperty(DL4J_DISABLE, String.valueOf(!wanted));
        return own == null
                ? "keras4j default (" + DL4J_DISABLE + "=false)"
                : "system property " + PROPERTY + "=" + own;
    }

    /** Whether DL4J layers created now get their oneDNN helpers. Initializes ND4J. */
    static boolean active() {
        boolean disabled = Boolean.parseBoolean(
                System.getProperty(DL4J_DISABLE, DL4JSystemProperties.HELPER_DISABLE_DEFAULT_VALUE));
        // DL4J's own check: CPU backend, helpers allowed by libnd4j, the Nd4jCpu lookup works
        return !disabled && BaseMKLDNNHelper.mklDnnEnabled();
    }
}
