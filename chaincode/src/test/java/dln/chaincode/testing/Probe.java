package dln.chaincode.testing;

import dln.chaincode.probe.ProbeSwitch;

/** Turns the probe on for one block of a test, as DLN_PROBE=1 does for a test network's chaincode server. */
public final class Probe implements AutoCloseable {

    private Probe() {
    }

    public static Probe on() {
        System.setProperty(ProbeSwitch.PROPERTY, "1");
        return new Probe();
    }

    @Override
    public void close() {
        System.clearProperty(ProbeSwitch.PROPERTY);
    }
}
