package dln.chaincode.round;

import com.google.gson.annotations.SerializedName;

public enum RoundStatus {
    @SerializedName("open") OPEN,
    @SerializedName("closed") CLOSED
}
