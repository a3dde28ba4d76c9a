package dln.chaincode.call;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * What a transaction declares: how many string arguments it takes and whether it is a query.
 * Read from the contract method itself, so the check can never disagree with what the shim binds.
 */
record Signature(String name, int arguments, boolean query) {

    private static final Map<Class<?>, Map<String, Signature>> BY_CONTRACT = new ConcurrentHashMap<>();

    /** The transactions of {@code contract} by name, as the shim routes them (the annotation's name, else the method's). */
    static Map<String, Signature> of(final Class<?> contract) {
        return BY_CONTRACT.computeIfAbsent(contract, Signature::scan);
    }

    private static Map<String, Signature> scan(final Class<?> contract) {
        final Map<String, Signature> out = new TreeMap<>();
        for (final Method m : contract.getMethods()) {
            final Transaction t = m.getAnnotation(Transaction.class);
            if (t == null) {
                continue;
            }
            final Class<?>[] params = m.getParameterTypes();
            for (int i = 1; i < params.length; i++) {
                if (params[i] != String.class) {
                    // Every dln argument is a string (docs/ledger.md §1); a typed one would bypass these checks.
                    throw new IllegalStateException(contract.getName() + "." + m.getName() + " takes a " + params[i].getSimpleName());
                }
            }
            final boolean withContext = params.length > 0 && Context.class.isAssignableFrom(params[0]);
            final String name = t.name().isEmpty() ? m.getName() : t.name();
            out.put(name, new Signature(name, params.length - (withContext ? 1 : 0), t.intent() == Transaction.TYPE.EVALUATE));
        }
        return Map.copyOf(out);
    }
}
