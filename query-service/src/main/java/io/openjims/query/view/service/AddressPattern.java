package io.openjims.query.view.service;

import io.openjims.model.contract.IpAddresses;

/**
 * An address filter entry: a single address, a CIDR prefix ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a Junos
 * wildcard address ({@code 10.1.0.5/255.255.0.255}: the mask's one bits must match, the others are free).
 */
public final class AddressPattern {

    private final byte[] address;
    private final byte[] mask;

    private AddressPattern(byte[] address, byte[] mask) {
        this.address = address;
        this.mask = mask;
        for (int i = 0; i < address.length; i++) {
            address[i] &= mask[i];
        }
    }

    /** Parses an entry; throws IllegalArgumentException with a message naming what is wrong. */
    public static AddressPattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an entry is empty");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        byte[] address = IpAddresses.parse(addressPart);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
        }
        int bits = address.length * 8;
        if (slash < 0) {
            return new AddressPattern(address, prefixMask(address.length, bits));
        }
        String maskPart = s.substring(slash + 1);
        if (maskPart.matches("\\d{1,3}")) {
            int prefix = Integer.parseInt(maskPart);
            if (prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length above " + bits);
            }
            return new AddressPattern(address, prefixMask(address.length, prefix));
        }
        byte[] mask = IpAddresses.parse(maskPart);
        if (mask == null || mask.length != address.length) {
            throw new IllegalArgumentException(
                    "'" + text + "' needs a prefix length or a wildcard mask of the same address family after '/'");
        }
        return new AddressPattern(address, mask);
    }

    private static byte[] prefixMask(int length, int prefix) {
        byte[] mask = new byte[length];
        for (int i = 0; i < length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - 8 * i));
            mask[i] = (byte) (bitsHere == 0 ? 0 : (0xff << (8 - bitsHere)) & 0xff);
        }
        return mask;
    }

    /** Whether the address (bytes of the same family) matches. */
    public boolean matches(byte[] candidate) {
        if (candidate == null || candidate.length != address.length) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            if ((candidate[i] & mask[i]) != address[i]) {
                return false;
            }
        }
        return true;
    }
}
