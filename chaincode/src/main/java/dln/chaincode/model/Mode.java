package dln.chaincode.model;

import com.google.gson.annotations.SerializedName;

/** Synchronous rounds or an asynchronous DAG of updates. */
public enum Mode {
    @SerializedName("federated") FEDERATED,
    @SerializedName("gossip") GOSSIP
}
