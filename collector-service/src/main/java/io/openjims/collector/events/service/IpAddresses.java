package io.openjims.collector.events.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Validates and normalises IP addresses taken from log lines, without any name lookup: IPv4 in dotted-quad form, IPv6
 * in RFC 5952 form, IPv4-mapped IPv6 ({@code ::ffff:10.1.2.3}) as IPv4, brackets and zone ids removed.
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** Why an address was refused. */
    public static final class InvalidIpException extends Exception {

        private final String code;

        InvalidIpException(String code, String message) {
            super(message);
            this.code = code;
        }

        /** {@code invalid_ip} or {@code unusable_ip} (loopback, unspecified, multicast). */
        public String code() {
            return code;
        }
    }

    /**
     * The normalised form of an address that can stand for a user's session; refuses text that is not an IP literal
     * ({@code invalid_ip}) and loopback, unspecified or multicast addresses ({@code unusable_ip}).
     */
    public static String normalize(String value) throws InvalidIpException {
        int first = plainIpv4FirstOctet(value);
        if (first >= 0 && first != 127 && (first < 224 || first > 239) && !"0.0.0.0".equals(value)) {
            // Already the dotted quad getHostAddress() gives, and usable.
            return value;
        }
        InetAddress address = parse(value);
        if (address == null) {
            throw new InvalidIpException(
                    "invalid_ip",
                    value == null || value.isBlank() || "-".equals(value.trim())
                            ? "no IP address"
                            : "not an IP address: " + abbreviate(value));
        }
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw new InvalidIpException(
                    "unusable_ip", "loopback, unspecified or multicast address: " + abbreviate(value));
        }
        return format(address);
    }

    /** The normalised form of any IP literal, or empty when the text is not one (never a name lookup). */
    public static Optional<String> canonical(String value) {
        return Optional.ofNullable(parse(value)).map(IpAddresses::format);
    }

    private static InetAddress parse(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (text.isEmpty() || "-".equals(text)) {
            return null;
        }
        return text.indexOf(':') < 0 ? parseIpv4(text) : parseIpv6(text);
    }

    /**
     * The first octet when the value is exactly a dotted quad parseIpv4 accepts (1-3 digits each, no leading zero, at
     * most 255, nothing around it), else -1.
     */
    static int plainIpv4FirstOctet(String value) {
        if (value == null || value.length() < 7 || value.length() > 15) {
            return -1;
        }
        int n = value.length();
        int parts = 0;
        int digits = 0;
        int octet = 0;
        int first = -1;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? value.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || octet > 255 || ++parts > 4) {
                    return -1;
                }
                if (parts == 1) {
                    first = octet;
                }
                digits = 0;
                octet = 0;
            } else if (c >= '0' && c <= '9') {
                if ((digits == 1 && octet == 0) || ++digits > 3) {
                    return -1;
                }
                octet = octet * 10 + (c - '0');
            } else {
                return -1;
            }
        }
        return parts == 4 ? first : -1;
    }

    private static InetAddress parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress parseIpv6(String text) {
        int lastColon = text.lastIndexOf(':');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && !(c == '.' && i > lastColon)) {
                return null;
            }
        }
        if (text.indexOf('.') > lastColon && parseIpv4(text.substring(lastColon + 1)) == null) {
            return null;
        }
        try {
            // Only hex digits, colons and a trailing dotted quad reach here: a literal, never a name lookup.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** IPv4 dotted quad, or IPv6 in RFC 5952 form (lower case, longest zero run compressed). */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isMappedIpv4(bytes)) {
            return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder out = new StringBuilder(39);
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
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isMappedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
