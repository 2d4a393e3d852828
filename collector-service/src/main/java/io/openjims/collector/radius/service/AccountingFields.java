package io.openjims.collector.radius.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.VsaData;
import org.aaa4j.radius.core.attribute.attributes.AcctDelayTime;
import org.aaa4j.radius.core.attribute.attributes.AcctSessionId;
import org.aaa4j.radius.core.attribute.attributes.AcctStatusType;
import org.aaa4j.radius.core.attribute.attributes.CallingStationId;
import org.aaa4j.radius.core.attribute.attributes.DelegatedIpv6Prefix;
import org.aaa4j.radius.core.attribute.attributes.EventTimestamp;
import org.aaa4j.radius.core.attribute.attributes.FramedIpAddress;
import org.aaa4j.radius.core.attribute.attributes.FramedIpv6Address;
import org.aaa4j.radius.core.attribute.attributes.SessionTimeout;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.attribute.attributes.VendorSpecific;
import org.aaa4j.radius.core.packet.Packet;

/**
 * The attributes of an Accounting-Request that {@link RadiusAccounting} reads: the first of each single-valued one
 * (as {@code Packet.getAttribute} gives), every address, Class and Vendor-Specific value in packet order. Read either
 * from a packet aaa4j decoded ({@link #of(Packet)}) or straight from the bytes of one whose attributes are all of the
 * plain kinds ({@link #plain}: the listener's fast path; a value of the wrong size is skipped, as aaa4j leaves it
 * undecoded).
 */
public final class AccountingFields {

    /** A Vendor-Specific value: vendor id, vendor type and the value's octets. */
    public record Vendor(int vendorId, int vendorType, byte[] value) {}

    static final int USER_NAME = 1;
    static final int FRAMED_IP_ADDRESS = 8;
    static final int CLASS = 25;
    static final int SESSION_TIMEOUT = 27;
    static final int CALLING_STATION_ID = 31;
    static final int ACCT_STATUS_TYPE = 40;
    static final int ACCT_DELAY_TIME = 41;
    static final int ACCT_SESSION_ID = 44;
    static final int EVENT_TIMESTAMP = 55;
    static final int FRAMED_IPV6_ADDRESS = 168;

    int status = -1;
    String sessionId;
    String userName;
    String device;
    /** Seconds (unsigned), or -1 when absent. */
    long sessionTimeout = -1;

    Instant eventTimestamp;
    /** Seconds (unsigned), or -1 when absent. */
    long delay = -1;
    /** Framed-IP-Address values (4 octets each), then Framed-IPv6-Address and Delegated-IPv6-Prefix (16 each). */
    final List<byte[]> ipv4 = new ArrayList<>(1);

    final List<byte[]> ipv6 = new ArrayList<>(0);
    final List<byte[]> classes = new ArrayList<>(0);
    final List<Vendor> vendors = new ArrayList<>(0);

    private AccountingFields() {}

    /** The fields of a packet aaa4j decoded. */
    public static AccountingFields of(Packet request) {
        AccountingFields f = new AccountingFields();
        List<byte[]> prefixes = new ArrayList<>(0);
        for (Attribute<?> attribute : request.getAttributes()) {
            if (attribute instanceof AcctStatusType a) {
                if (f.status == -1) {
                    f.status = a.getData().getValue();
                }
            } else if (attribute instanceof AcctSessionId a) {
                if (f.sessionId == null) {
                    f.sessionId = a.getData().getValue();
                }
            } else if (attribute instanceof UserName a) {
                if (f.userName == null) {
                    f.userName = a.getData().getValue();
                }
            } else if (attribute instanceof CallingStationId a) {
                if (f.device == null) {
                    f.device = a.getData().getValue();
                }
            } else if (attribute instanceof FramedIpAddress a) {
                f.ipv4.add(a.getData().getValue().getAddress());
            } else if (attribute instanceof FramedIpv6Address a) {
                f.ipv6.add(a.getData().getValue().getAddress());
            } else if (attribute instanceof DelegatedIpv6Prefix a) {
                byte[] prefix = a.getData().getPrefixBytes();
                byte[] address = new byte[16];
                System.arraycopy(prefix, 0, address, 0, Math.min(prefix.length, 16));
                prefixes.add(address);
            } else if (attribute instanceof SessionTimeout a) {
                if (f.sessionTimeout < 0) {
                    f.sessionTimeout = Integer.toUnsignedLong(a.getData().getValue());
                }
            } else if (attribute instanceof EventTimestamp a) {
                if (f.eventTimestamp == null) {
                    Instant at = a.getData().getValue();
                    // An unsigned 32-bit count of seconds; aaa4j 0.4.0 reads it signed (after 2038: negative).
                    f.eventTimestamp = at.getEpochSecond() < 0 ? at.plusSeconds(1L << 32) : at;
                }
            } else if (attribute instanceof AcctDelayTime a) {
                if (f.delay < 0) {
                    f.delay = Integer.toUnsignedLong(a.getData().getValue());
                }
            } else if (attribute instanceof org.aaa4j.radius.core.attribute.attributes.Class c) {
                f.classes.add(c.getData().getValue());
            } else if (attribute instanceof VendorSpecific vsa) {
                VsaData data = vsa.getData();
                f.vendors.add(new Vendor(data.getVendorId(), data.getVendorType(), data.getVsaData()));
            }
        }
        f.ipv6.addAll(prefixes);
        return f;
    }

    /**
     * Whether {@link #plain} reads every attribute of this type the way aaa4j would: not Vendor-Specific (26),
     * Delegated-IPv6-Prefix (123) or Message-Authenticator (80), which go through aaa4j.
     */
    public static boolean plainType(int type) {
        return type != 26 && type != 80 && type != 123;
    }

    /**
     * The fields of the attributes in {@code packet[20..length)}, already checked to be well-formed TLVs of
     * {@link #plainType plain types} only.
     */
    public static AccountingFields plain(byte[] packet, int length) {
        AccountingFields f = new AccountingFields();
        for (int at = 20; at + 2 <= length; ) {
            int type = packet[at] & 0xff;
            int size = packet[at + 1] & 0xff;
            int from = at + 2;
            int n = size - 2;
            switch (type) {
                case ACCT_STATUS_TYPE -> {
                    if (n == 4 && f.status == -1) {
                        f.status = (int) unsigned(packet, from);
                    }
                }
                case ACCT_SESSION_ID -> {
                    if (f.sessionId == null) {
                        f.sessionId = text(packet, from, n);
                    }
                }
                case USER_NAME -> {
                    if (f.userName == null) {
                        f.userName = text(packet, from, n);
                    }
                }
                case CALLING_STATION_ID -> {
                    if (f.device == null) {
                        f.device = text(packet, from, n);
                    }
                }
                case FRAMED_IP_ADDRESS -> {
                    if (n == 4) {
                        f.ipv4.add(copy(packet, from, 4));
                    }
                }
                case FRAMED_IPV6_ADDRESS -> {
                    if (n == 16) {
                        f.ipv6.add(copy(packet, from, 16));
                    }
                }
                case SESSION_TIMEOUT -> {
                    if (n == 4 && f.sessionTimeout < 0) {
                        f.sessionTimeout = unsigned(packet, from);
                    }
                }
                case EVENT_TIMESTAMP -> {
                    if (n == 4 && f.eventTimestamp == null) {
                        f.eventTimestamp = Instant.ofEpochSecond(unsigned(packet, from));
                    }
                }
                case ACCT_DELAY_TIME -> {
                    if (n == 4 && f.delay < 0) {
                        f.delay = unsigned(packet, from);
                    }
                }
                case CLASS -> f.classes.add(copy(packet, from, n));
                default -> {
                    // not read
                }
            }
            at += size;
        }
        return f;
    }

    /** Acct-Status-Type, or -1. */
    public int status() {
        return status;
    }

    /** The first User-Name, as sent, or null. */
    public String userName() {
        return userName;
    }

    /** Framed-IP-Address values. */
    public List<byte[]> ipv4() {
        return ipv4;
    }

    private static long unsigned(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }

    private static String text(byte[] b, int at, int n) {
        return new String(b, at, n, StandardCharsets.UTF_8);
    }

    private static byte[] copy(byte[] b, int at, int n) {
        byte[] out = new byte[n];
        System.arraycopy(b, at, out, 0, n);
        return out;
    }
}
