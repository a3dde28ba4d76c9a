package dln.bench.abuse;

import dln.core.ledger.ConnectionProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared cases' actors ({@code publisher}, {@code member1}.., {@code provider1}..,
 * {@code outsider}) as identities of the connection profile: the profile's roles, then every
 * other enrolled user as a provider, the last of them left out as the outsider.
 */
record Cast(Map<String, String> identities) {

    static Cast of(final ConnectionProfile profile) {
        final ConnectionProfile.Roles roles = profile.roles();
        final Map<String, String> out = new LinkedHashMap<>();
        out.put("publisher", roles.publisher());
        for (int i = 0; i < roles.committee().size(); i++) {
            out.put("member" + (i + 1), roles.committee().get(i));
        }
        final Set<String> taken = new HashSet<>(out.values());
        final List<String> free = new ArrayList<>();
        for (final String org : profile.organizations().keySet().stream().sorted().toList()) {
            for (final String user : new java.util.TreeSet<>(profile.organizations().get(org).users().keySet())) {
                final String id = org + "/" + user;
                if (!user.equalsIgnoreCase("Admin") && taken.add(id)) {
                    free.add(id);
                }
            }
        }
        if (free.size() < 2) {
            throw new IllegalArgumentException("the abuse bench needs two enrolled users outside the publisher and committee; the profile has "
                    + free.size() + " (raise USERS_PER_ORG in network/network.conf)");
        }
        for (int i = 0; i < free.size() - 1; i++) {
            out.put("provider" + (i + 1), free.get(i));
        }
        out.put("outsider", free.get(free.size() - 1));
        return new Cast(Map.copyOf(out));
    }

    /** The profile identity ("org1/User3") an actor name stands for. */
    String identity(final String actor) {
        final String id = identities.get(actor);
        if (id == null) {
            throw new IllegalArgumentException("no identity plays " + actor + "; the cast: " + identities.keySet());
        }
        return id;
    }
}
