package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dln.api.Tx;
import dln.chaincode.inprocess.InProcessChain;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hyperledger.fabric.contract.RouterAccess;
import org.junit.jupiter.api.Test;

/** Every transaction the router serves has a constant in dln.api.Tx, and every constant names one. */
class TransactionNamesTest {

    @Test
    void theRoutedTransactionsAreExactlyTheVocabulary() {
        final Set<String> routed = RouterAccess.routedTransactions(InProcessChain.router());
        final Set<String> vocabulary = Arrays.stream(Tx.values()).map(Tx::qualified).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(vocabulary, routed);
    }
}
