package org.hyperledger.fabric.contract;

/**
 * Builds the shim's real ContractRouter with its contract scan and metadata done, as the chaincode
 * server does at start-up; lives in the shim's package because findAllContracts is package-private.
 */
public final class RouterAccess {

    private RouterAccess() {
    }

    public static ContractRouter scanned() {
        final ContractRouter router = new ContractRouter(new String[] {"--id", "dln:test"});
        router.findAllContracts();
        // startRouting() does this next; it is where @DataType records become the contract metadata.
        org.hyperledger.fabric.contract.metadata.MetadataBuilder.initialize(router.getRoutingRegistry(), router.getTypeRegistry());
        return router;
    }

    /** Every "contract:Name" the router serves, the shim's own system contract left out. */
    public static java.util.SortedSet<String> routedTransactions(final ContractRouter router) {
        final java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (org.hyperledger.fabric.contract.routing.ContractDefinition c : router.getRoutingRegistry().getAllDefinitions()) {
            if (c.getName().startsWith("org.hyperledger")) {
                continue;
            }
            c.getTxFunctions().forEach(f -> names.add(c.getName() + ":" + f.getName()));
        }
        return names;
    }
}
