package dln.core.ledger;

import dln.api.LedgerException;
import dln.api.LedgerFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/** Turns gateway failures into {@link LedgerException}s that carry the chaincode's rule name. */
final class ChaincodeErrors {

    // The dln chaincode's messages start with the rule name: "PARENT_NOT_ACCEPTED: ...".
    private static final Pattern RULE = Pattern.compile("\\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+): (.*)", Pattern.DOTALL);

    private ChaincodeErrors() {}

    static LedgerException translate(final String tx, final GatewayException e) {
        final StringBuilder all = new StringBuilder(String.valueOf(e.getStatus().getDescription()));
        for (ErrorDetail d : e.getDetails()) {
            all.append(" | ").append(d.getMspId()).append(": ").append(d.getMessage());
        }
        final Matcher m = RULE.matcher(all);
        if (m.find()) {
            String msg = m.group(2);
            final int cut = msg.indexOf(" | ");
            if (cut >= 0) {
                msg = msg.substring(0, cut);
            }
            return new LedgerException(m.group(1), tx + " refused: " + m.group(1) + ": " + msg.trim(), e);
        }
        if (all.indexOf("no combination of peers can be derived") >= 0 || all.indexOf("no peer combination can satisfy") >= 0) {
            return new LedgerException(LedgerFailure.ENDORSERS_UNAVAILABLE, tx + ": the gateway does not yet see enough organisations' peers"
                    + " to satisfy the endorsement policy (just started or restarted?); wait a few seconds and retry", e);
        }
        if (all.indexOf("could not launch chaincode") >= 0 || all.indexOf("chaincode stream terminated") >= 0) {
            return new LedgerException(LedgerFailure.CHAINCODE_UNAVAILABLE, tx + ": the peers cannot reach the chaincode server"
                    + " (restarting?); network/network.sh status shows it", e);
        }
        if (all.indexOf("ProposalResponsePayloads do not match") >= 0) {
            return new LedgerException(LedgerFailure.ENDORSEMENT_MISMATCH, tx + ": peers endorsed different results (they were at different heights)", e);
        }
        if (e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
            return new LedgerException(LedgerFailure.NETWORK_NOT_RUNNING, tx + ": the peer is unreachable (" + e.getStatus().getDescription()
                    + "); is the network running? start it with network/network.sh up", e);
        }
        final LedgerFailure code = switch (e.getStatus().getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> LedgerFailure.LEDGER_UNAVAILABLE;
            default -> LedgerFailure.LEDGER_ERROR;
        };
        return new LedgerException(code, tx + " failed: " + all, e);
    }
}
