package dln.ipfs.transport;

import java.net.URI;

/** Turns what users write for the RPC API address into a base URI. */
public final class ApiAddress {
    /** Environment variable naming the API address, e.g. {@code http://127.0.0.1:5001}. */
    public static final String ENV = "DLN_IPFS_API";
    /** Address used when {@link #ENV} is not set. */
    public static final String DEFAULT = "http://127.0.0.1:5001";

    private ApiAddress() {
    }

    /**
     * Accepts {@code http://host:port} (as Kubo's docs and DLN_IPFS_API use) or the multiaddr
     * form Kubo prints and stores in {@code Addresses.API}, e.g. {@code /ip4/127.0.0.1/tcp/5001}.
     *
     * @param address what the user wrote
     * @return the base URI, {@code http(s)://HOST:PORT}
     * @throws IllegalArgumentException if the address is not understood
     */
    public static URI parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("IPFS API address is empty; expected e.g. http://127.0.0.1:5001");
        }
        String a = address.trim();
        if (a.startsWith("/")) {
            String[] p = a.substring(1).split("/");
            if (p.length >= 4 && p[2].equals("tcp")) {
                String host = switch (p[0]) {
                    case "ip4", "dns", "dns4", "dns6" -> p[1];
                    case "ip6" -> "[" + p[1] + "]";
                    default -> null;
                };
                if (host != null) {
                    boolean https = p.length >= 5 && p[4].equals("https");
                    return URI.create((https ? "https://" : "http://") + host + ":" + p[3]);
                }
            }
            throw new IllegalArgumentException("IPFS API multiaddr '" + a + "' is not /ip4|ip6|dns/HOST/tcp/PORT");
        }
        URI uri;
        try {
            uri = URI.create(a.endsWith("/") ? a.substring(0, a.length() - 1) : a);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IPFS API address '" + a + "' is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("IPFS API address '" + a
                    + "' must be http://HOST:PORT (the Kubo RPC API, port 5001 by default)");
        }
        if (uri.getPath() != null && uri.getPath().startsWith("/api")) {
            throw new IllegalArgumentException("IPFS API address '" + a + "' must not include /api/v0; give http://HOST:PORT");
        }
        return uri;
    }
}
