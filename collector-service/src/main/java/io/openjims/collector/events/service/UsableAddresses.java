package io.openjims.collector.events.service;

import io.openjims.model.contract.IpAddresses;

/**
 * The collector's policy on top of the canonical IP form ({@link IpAddresses}): an address that stands for a user's
 * session must be an IP literal and neither loopback, unspecified nor multicast.
 */
public final class UsableAddresses {

    private UsableAddresses() {}

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
     * The canonical form of an address that can stand for a user's session; refuses text that is not an IP literal
     * ({@code invalid_ip}) and loopback, unspecified or multicast addresses ({@code unusable_ip}).
     */
    public static String normalize(String value) throws InvalidIpException {
        int first = IpAddresses.plainIpv4FirstOctet(value);
        if (first >= 0 && first != 127 && (first < 224 || first > 239) && !"0.0.0.0".equals(value)) {
            // Hot path (syslog): already canonical, and usable.
            return value;
        }
        byte[] address = IpAddresses.parse(value);
        if (address == null) {
            throw new InvalidIpException(
                    "invalid_ip",
                    value == null || value.isBlank() || "-".equals(value.trim())
                            ? "no IP address"
                            : "not an IP address: " + abbreviate(value));
        }
        if (!usable(address)) {
            throw new InvalidIpException(
                    "unusable_ip", "loopback, unspecified or multicast address: " + abbreviate(value));
        }
        return IpAddresses.format(address);
    }

    /** Neither loopback ({@code 127/8}, {@code ::1}), unspecified ({@code 0.0.0.0}, {@code ::}) nor multicast. */
    static boolean usable(byte[] address) {
        if (address.length == 4) {
            int first = address[0] & 0xff;
            boolean zero = address[0] == 0 && address[1] == 0 && address[2] == 0 && address[3] == 0;
            return first != 127 && (first < 224 || first > 239) && !zero;
        }
        if ((address[0] & 0xff) == 0xff) {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) {
                return true;
            }
        }
        return address[15] != 0 && address[15] != 1;
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
