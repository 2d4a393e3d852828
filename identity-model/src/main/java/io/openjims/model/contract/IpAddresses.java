package io.openjims.model.contract;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The canonical form of an IP address, the record key of {@code identity.events} and {@code identity.sessions}. Every
 * service parses addresses with this class and nothing else, never with a name lookup:
 *
 * <ul>
 *   <li>surrounding blanks and one pair of brackets ({@code [2001:db8::1]}) are removed;
 *   <li>IPv4 is a dotted quad of four decimal octets 0-255 without leading zeros ({@code 010.1.2.3} is refused: octal
 *       or decimal is ambiguous);
 *   <li>an IPv6 zone id ({@code fe80::1%eth0}) is removed: it names an interface of the host that wrote it, not part
 *       of the address; on IPv4 it is refused;
 *   <li>IPv4-mapped IPv6 ({@code ::ffff:10.1.2.3}) is the IPv4 address;
 *   <li>output: IPv4 as a dotted quad, IPv6 in RFC 5952 form (lower case, the longest run of two or more zero groups
 *       compressed, the first on a tie).
 * </ul>
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** The canonical text form, or empty when the text is not an IPv4 or IPv6 literal. */
    public static Optional<String> canonical(String text) {
        return Optional.ofNullable(canonicalOrNull(text));
    }

    /** As {@link #canonical(String)}, null instead of empty (for hot paths). */
    public static String canonicalOrNull(String text) {
        byte[] bytes = parse(text);
        return bytes == null ? null : format(bytes);
    }

    /** The address bytes (4 for IPv4 and IPv4-mapped IPv6, else 16), or null when the text is not an IP literal. */
    public static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') < 0) {
            return parseIpv4(s, 0, s.length());
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            if (zone == s.length() - 1) {
                return null;
            }
            s = s.substring(0, zone);
        }
        return parseIpv6(s);
    }

    /**
     * The first octet when the text is exactly a canonical dotted quad (nothing around it), else -1. A shortcut for
     * hot paths: such text is already its own canonical form.
     */
    public static int plainIpv4FirstOctet(String value) {
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

    private static byte[] parseIpv4(String s, int from, int to) {
        byte[] bytes = new byte[4];
        int part = 0;
        int digits = 0;
        int value = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255 || part > 3) {
                    return null;
                }
                bytes[part++] = (byte) value;
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9') {
                if ((digits == 1 && value == 0) || ++digits > 3) {
                    return null;
                }
                value = value * 10 + (c - '0');
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    private static byte[] parseIpv6(String s) {
        int lastColon = s.lastIndexOf(':');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && !(c == '.' && i > lastColon)) {
                return null;
            }
        }
        if (s.indexOf('.') > lastColon && parseIpv4(s, lastColon + 1, s.length()) == null) {
            return null;
        }
        try {
            // Only hex digits, colons and a trailing dotted quad reach here: a literal, never a name lookup.
            InetAddress address = InetAddress.getByName(s);
            if (address instanceof Inet4Address || address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                return isMappedIpv4(bytes) ? new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]} : bytes;
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The canonical text of an address. */
    public static String format(InetAddress address) {
        return format(address.getAddress());
    }

    /** The canonical text of 4 or 16 address bytes (IPv4-mapped IPv6 as IPv4). */
    public static String format(byte[] b) {
        if (b.length == 16 && isMappedIpv4(b)) {
            return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        if (b.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + b.length);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
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
        return out.toString();
    }

    private static boolean isMappedIpv4(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
