package dln.api;

import com.google.gson.annotations.SerializedName;

/** Synchronous rounds or an asynchronous DAG of updates. */
public enum Mode implements WireName {
    @SerializedName("federated") FEDERATED,
    @SerializedName("gossip") GOSSIP;

    /** The wire form, so the constant prints as the ledger and the command line spell it. */
    @Override
    public String toString() {
        return wire();
    }
}
