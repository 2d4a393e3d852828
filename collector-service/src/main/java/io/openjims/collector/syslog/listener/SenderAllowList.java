package io.openjims.collector.syslog.listener;

import io.openjims.model.contract.IpAddresses;
import java.util.ArrayList;
import java.util.List;

/**
 * Sender addresses and CIDR prefixes allowed to send syslog; an empty list allows everyone, {@link #NOBODY} no one.
 */
public final class SenderAllowList {

    /** The {@code allowed-senders} token that admits nobody (deployments ship with it until the admin sets the list). */
    public static final String NONE_TOKEN = "none";

    /** Admits no address. */
    public static final SenderAllowList NOBODY = new SenderAllowList(List.of(), true);

    private record Prefix(byte[] network, int bits) {}

    private final List<Prefix> prefixes;
    private final boolean nobody;

    private SenderAllowList(List<Prefix> prefixes, boolean nobody) {
        this.prefixes = prefixes;
        this.nobody = nobody;
    }

    /**
     * The {@code allowed-senders} setting: as {@link #of}, but the single entry {@code none} admits nobody. Throws
     * IllegalArgumentException when {@code none} is mixed with addresses.
     */
    public static SenderAllowList fromSetting(List<String> entries) {
        List<String> set =
                entries.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
        if (set.stream().anyMatch(NONE_TOKEN::equalsIgnoreCase)) {
            if (set.size() > 1) {
                throw new IllegalArgumentException(
                        "allowed-senders: '" + NONE_TOKEN + "' (nobody) cannot be combined with addresses: " + set);
            }
            return NOBODY;
        }
        return of(set);
    }

    /** Parses entries such as {@code 10.0.0.0/8}, {@code 192.0.2.7} or {@code 2001:db8::/32}. */
    public static SenderAllowList of(List<String> entries) {
        List<Prefix> prefixes = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw new IllegalArgumentException("allowed-senders: not an address or CIDR prefix: " + entry);
            }
            int bits;
            try {
                bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("allowed-senders: bad prefix length in " + entry);
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("allowed-senders: bad prefix length in " + entry);
            }
            prefixes.add(new Prefix(bytes, bits));
        }
        return new SenderAllowList(List.copyOf(prefixes), false);
    }

    public boolean allowsEveryone() {
        return prefixes.isEmpty() && !nobody;
    }

    public boolean allowsNobody() {
        return nobody;
    }

    /** Whether the sender (a textual IP address) may send. */
    public boolean allows(String sender) {
        if (nobody) {
            return false;
        }
        return prefixes.isEmpty() || longestMatch(sender) >= 0;
    }

    /**
     * The length in bits of the longest listed prefix that holds the sender (a textual IP address), or -1 when none
     * does; an empty list matches nothing here.
     */
    public int longestMatch(String sender) {
        byte[] address = literal(sender);
        if (address == null) {
            return -1;
        }
        int longest = -1;
        for (Prefix prefix : prefixes) {
            if (prefix.network().length == address.length && prefix.bits() > longest && matches(prefix, address)) {
                longest = prefix.bits();
            }
        }
        return longest;
    }

    private static boolean matches(Prefix prefix, byte[] address) {
        int full = prefix.bits() / 8;
        for (int i = 0; i < full; i++) {
            if (prefix.network()[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix.bits() % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (prefix.network()[full] & mask) == (address[full] & mask);
    }

    /** Address bytes of an IP literal (IPv4-mapped IPv6 as IPv4), or null; never a name lookup. */
    private static byte[] literal(String text) {
        return IpAddresses.parse(text);
    }
}
