package io.openjims.collector.radius.listener;

/**
 * What tells a retransmission from a new request (RFC 5080 section 2.2.2): source address and port, identifier and
 * Request Authenticator. Compared field by field (the authenticator as two longs), with no text built per packet.
 */
final class RequestKey {

    private final String source;
    private final int portAndIdentifier;
    private final long high;
    private final long low;
    private final int hash;

    RequestKey(String source, int port, int identifier, byte[] authenticator) {
        this.source = source;
        this.portAndIdentifier = (port << 8) | (identifier & 0xff);
        this.high = longAt(authenticator, 0);
        this.low = longAt(authenticator, 8);
        int h = source.hashCode();
        h = 31 * h + portAndIdentifier;
        h = 31 * h + Long.hashCode(high);
        h = 31 * h + Long.hashCode(low);
        this.hash = h;
    }

    private static long longAt(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[offset + i] & 0xffL);
        }
        return v;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestKey k
                && k.hash == hash
                && k.portAndIdentifier == portAndIdentifier
                && k.high == high
                && k.low == low
                && k.source.equals(source);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return source + ' ' + (portAndIdentifier >>> 8) + ' ' + (portAndIdentifier & 0xff);
    }
}
