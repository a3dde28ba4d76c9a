package dln.chaincode.probe;

import dln.api.Rule;
import dln.chaincode.rule.Violation;

/**
 * Whether this chaincode server serves the probe. The probe writes arbitrary state, so a
 * production deployment must not offer it: it is on only where the operator of a test network
 * says so in the server's environment (network/lib/chaincode.sh writes DLN_PROBE=1 into
 * chaincode.env), or a test says so through the system property.
 */
public final class ProbeSwitch {

    /** The environment variable that turns the probe on ("1"). */
    public static final String ENV = "DLN_PROBE";
    /** The same as a system property, for tests in one JVM (an environment cannot be changed from Java). */
    public static final String PROPERTY = "dln.probe";

    private ProbeSwitch() {
    }

    public static boolean enabled() {
        return "1".equals(System.getenv(ENV)) || "1".equals(System.getProperty(PROPERTY));
    }

    /** Refuses, writing nothing, unless the probe is on. */
    static void require() {
        if (!enabled()) {
            throw Violation.of(Rule.PROBE_DISABLED, "the probe is a test tool and is off on this network; a test network turns it on with "
                    + ENV + "=1 in the chaincode server's environment");
        }
    }
}
