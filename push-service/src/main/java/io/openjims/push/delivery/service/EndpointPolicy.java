package io.openjims.push.delivery.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where push-service may send a tenant's credentials, checked before every batch (a tenant's DNS name may change):
 * https only unless {@code allow-http-endpoints}; never to this host (loopback, unless {@code
 * allow-loopback-endpoints}), link-local (cloud metadata services), unspecified or multicast addresses; never into a
 * configured range ({@code denied-endpoint-ranges}: the cluster's pod and service CIDRs).
 */
public final class EndpointPolicy {

    /** An IPv4 or IPv6 prefix. */
    record Range(byte[] network, int bits, String text) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            return rest == 0 || ((a[full] ^ network[full]) & (0xFF << (8 - rest))) == 0;
        }
    }

    private final boolean allowHttp;
    private final boolean allowLoopback;
    private final List<Range> denied;

    public EndpointPolicy(boolean allowHttp, boolean allowLoopback, List<String> deniedRanges) {
        this.allowHttp = allowHttp;
        this.allowLoopback = allowLoopback;
        List<Range> ranges = new ArrayList<>();
        for (String cidr : deniedRanges) {
            ranges.add(parse(cidr));
        }
        this.denied = List.copyOf(ranges);
    }

    /** Everything allowed but plain http (unit tests of other parts). */
    public static EndpointPolicy permissive() {
        return new EndpointPolicy(false, true, List.of());
    }

    /** Parses {@code address/bits} (or a bare address); IllegalArgumentException with the offending text. */
    static Range parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an address range: " + cidr);
        }
        try {
            byte[] network = InetAddress.getByName(host).getAddress();
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("prefix length out of range: " + cidr);
            }
            return new Range(network, bits, text);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an address range: " + cidr, e);
        }
    }

    /** Why a batch must not go to {@code endpoint} now, or null when it may. Resolves the host name. */
    public String refusal(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return "endpoint " + endpoint + " is not https (plain http needs openjims.push.allow-http-endpoints=true)";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(endpoint.getHost());
        } catch (UnknownHostException e) {
            return null; // the exchange reports the unknown host itself
        }
        for (InetAddress a : addresses) {
            String why = refusal(a);
            if (why != null) {
                return "endpoint " + endpoint.getHost() + " resolves to " + a.getHostAddress() + ", " + why;
            }
        }
        return null;
    }

    String refusal(InetAddress a) {
        if (a.isLoopbackAddress() && !allowLoopback) {
            return "a loopback address (allowed only with openjims.push.delivery.allow-loopback-endpoints=true)";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address (metadata services live there)";
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return "not a unicast host address";
        }
        for (Range r : denied) {
            if (r.contains(a)) {
                return "inside denied range " + r.text() + " (openjims.push.delivery.denied-endpoint-ranges)";
            }
        }
        return null;
    }
}
