package io.openjims.collector.ingest.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever resolving a name, and writes them in one canonical text form: dotted quad
 * for IPv4 (IPv4-mapped IPv6 becomes IPv4), RFC 5952 for IPv6.
 */
public final class IpAddresses {

    private static final Pattern IPV4 =
            Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    private IpAddresses() {}

    /** The canonical text form of an IP literal, or empty when the text is not one. */
    public static Optional<String> canonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (IPV4.matcher(value).matches()) {
            return Optional.of(value);
        }
        if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            // A literal containing ':' is parsed, never looked up.
            InetAddress address = InetAddress.getByName(value);
            if (address instanceof Inet4Address) {
                return Optional.of(address.getHostAddress());
            }
            if (address instanceof Inet6Address) {
                return Optional.of(compress(address.getAddress()));
            }
            return Optional.empty();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (2+) of zero groups replaced by "::". */
    static String compress(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int start = i;
                while (i < 8 && groups[i] == 0) {
                    i++;
                }
                if (i - start > bestLength) {
                    bestStart = start;
                    bestLength = i - start;
                }
            } else {
                i++;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
