package io.openjims.query.batch.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The maps of the session index, not thread-safe (the owner locks): active sessions by address (IPv4 in an
 * open-addressing int table, other addresses in a hash map) and by user (an open-addressing table of each user's
 * first session, the others chained through {@link IndexedSession#nextOfUser}). Linear probing with backward-shift
 * deletion, so no tombstones pile up; tables grow at 1/2 load and never shrink below their start size.
 */
public final class SessionTable {

    private static final int MIN_CAPACITY = 1024;

    private int[] ipKeys;
    private IndexedSession[] ipSlots;
    private int ipv4Count;
    private final Map<String, IndexedSession> others = new HashMap<>();
    private IndexedSession[] userSlots;
    private int userCount;

    public SessionTable() {
        this(MIN_CAPACITY);
    }

    public SessionTable(int expected) {
        int cap = tableSize(expected);
        ipKeys = new int[cap];
        ipSlots = new IndexedSession[cap];
        userSlots = new IndexedSession[cap];
    }

    /** Sessions held. */
    public int size() {
        return ipv4Count + others.size();
    }

    /** Users (domain, lower-case name) with at least one session. */
    public int users() {
        return userCount;
    }

    /** Slots of the open-addressing tables (for the memory estimate). */
    long slots() {
        return ipSlots.length + (long) userSlots.length;
    }

    /** The session at an address (canonical text), expired or not; null when none. */
    public IndexedSession get(String ip) {
        long v4 = parseIpv4(ip);
        return v4 == NOT_V4 ? others.get(ip) : getV4((int) v4);
    }

    /** Sessions of the user, in no particular order, expired or not. */
    public List<IndexedSession> ofUser(String domain, String userLc) {
        List<IndexedSession> out = new ArrayList<>(2);
        int i = userSlot(domain, userLc);
        if (i >= 0) {
            for (IndexedSession s = userSlots[i]; s != null; s = s.nextOfUser) {
                out.add(s);
            }
        }
        return out;
    }

    /** Puts the session of its address, replacing the address's previous one (also in the user table). */
    public void put(IndexedSession s) {
        IndexedSession old = s.ipText == null ? putV4(s) : others.put(s.ipText, s);
        if (old != null) {
            unlinkUser(old);
        }
        linkUser(s);
    }

    /** Removes the session of an address; returns it, null when there was none. */
    public IndexedSession remove(String ip) {
        long v4 = parseIpv4(ip);
        IndexedSession old = v4 == NOT_V4 ? others.remove(ip) : removeV4((int) v4);
        if (old != null) {
            unlinkUser(old);
        }
        return old;
    }

    // ---- IPv4 table

    private IndexedSession getV4(int key) {
        int mask = ipSlots.length - 1;
        for (int i = mix(key) & mask; ipSlots[i] != null; i = (i + 1) & mask) {
            if (ipKeys[i] == key) {
                return ipSlots[i];
            }
        }
        return null;
    }

    private IndexedSession putV4(IndexedSession s) {
        if ((ipv4Count + 1) * 2 > ipSlots.length) {
            growIp();
        }
        int mask = ipSlots.length - 1;
        int i = mix(s.ipv4) & mask;
        for (; ipSlots[i] != null; i = (i + 1) & mask) {
            if (ipKeys[i] == s.ipv4) {
                IndexedSession old = ipSlots[i];
                ipSlots[i] = s;
                return old;
            }
        }
        ipKeys[i] = s.ipv4;
        ipSlots[i] = s;
        ipv4Count++;
        return null;
    }

    private IndexedSession removeV4(int key) {
        int mask = ipSlots.length - 1;
        int i = mix(key) & mask;
        for (; ipSlots[i] != null; i = (i + 1) & mask) {
            if (ipKeys[i] == key) {
                IndexedSession old = ipSlots[i];
                shiftIp(i);
                ipv4Count--;
                return old;
            }
        }
        return null;
    }

    /** Backward-shift deletion: moves later entries of the probe run into the hole at {@code hole}. */
    private void shiftIp(int hole) {
        int mask = ipSlots.length - 1;
        int i = hole;
        while (true) {
            ipSlots[hole] = null;
            int j = hole;
            while (true) {
                i = (i + 1) & mask;
                if (ipSlots[i] == null) {
                    return;
                }
                int home = mix(ipKeys[i]) & mask;
                // Move i into the hole unless its home lies cyclically in (hole, i].
                if (hole <= i ? (hole >= home || home > i) : (hole >= home && home > i)) {
                    break;
                }
            }
            ipKeys[j] = ipKeys[i];
            ipSlots[j] = ipSlots[i];
            hole = i;
        }
    }

    private void growIp() {
        int[] keys = ipKeys;
        IndexedSession[] slots = ipSlots;
        ipKeys = new int[slots.length * 2];
        ipSlots = new IndexedSession[slots.length * 2];
        int mask = ipSlots.length - 1;
        for (int k = 0; k < slots.length; k++) {
            if (slots[k] != null) {
                int i = mix(keys[k]) & mask;
                while (ipSlots[i] != null) {
                    i = (i + 1) & mask;
                }
                ipKeys[i] = keys[k];
                ipSlots[i] = slots[k];
            }
        }
    }

    // ---- user table

    private int userSlot(String domain, String userLc) {
        int mask = userSlots.length - 1;
        for (int i = userHash(domain, userLc) & mask; userSlots[i] != null; i = (i + 1) & mask) {
            if (userSlots[i].sameUser(domain, userLc)) {
                return i;
            }
        }
        return -1;
    }

    private void linkUser(IndexedSession s) {
        if ((userCount + 1) * 2 > userSlots.length) {
            growUsers();
        }
        int mask = userSlots.length - 1;
        int i = userHash(s.domain, s.userLc) & mask;
        for (; userSlots[i] != null; i = (i + 1) & mask) {
            if (userSlots[i].sameUser(s.domain, s.userLc)) {
                s.nextOfUser = userSlots[i];
                userSlots[i] = s;
                return;
            }
        }
        s.nextOfUser = null;
        userSlots[i] = s;
        userCount++;
    }

    private void unlinkUser(IndexedSession s) {
        int i = userSlot(s.domain, s.userLc);
        if (i < 0) {
            return;
        }
        IndexedSession head = userSlots[i];
        if (head == s) {
            if (s.nextOfUser != null) {
                userSlots[i] = s.nextOfUser;
            } else {
                shiftUsers(i);
                userCount--;
            }
        } else {
            for (IndexedSession p = head; p.nextOfUser != null; p = p.nextOfUser) {
                if (p.nextOfUser == s) {
                    p.nextOfUser = s.nextOfUser;
                    break;
                }
            }
        }
        s.nextOfUser = null;
    }

    private void shiftUsers(int hole) {
        int mask = userSlots.length - 1;
        int i = hole;
        while (true) {
            userSlots[hole] = null;
            int j = hole;
            while (true) {
                i = (i + 1) & mask;
                if (userSlots[i] == null) {
                    return;
                }
                int home = userHash(userSlots[i].domain, userSlots[i].userLc) & mask;
                if (hole <= i ? (hole >= home || home > i) : (hole >= home && home > i)) {
                    break;
                }
            }
            userSlots[j] = userSlots[i];
            hole = i;
        }
    }

    private void growUsers() {
        IndexedSession[] slots = userSlots;
        userSlots = new IndexedSession[slots.length * 2];
        int mask = userSlots.length - 1;
        for (IndexedSession head : slots) {
            if (head != null) {
                int i = userHash(head.domain, head.userLc) & mask;
                while (userSlots[i] != null) {
                    i = (i + 1) & mask;
                }
                userSlots[i] = head;
            }
        }
    }

    // ---- keys

    static final long NOT_V4 = Long.MIN_VALUE;

    /** The int of a plain dotted-quad IPv4 address, or {@link #NOT_V4}. */
    static long parseIpv4(String s) {
        int len = s.length();
        if (len < 7 || len > 15) {
            return NOT_V4;
        }
        int value = 0;
        int octet = -1;
        int dots = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (octet < 0 || ++dots > 3) {
                    return NOT_V4;
                }
                value = (value << 8) | octet;
                octet = -1;
            } else if (c >= '0' && c <= '9') {
                if (octet == 0) {
                    return NOT_V4; // leading zero: not canonical
                }
                octet = octet < 0 ? c - '0' : octet * 10 + (c - '0');
                if (octet > 255) {
                    return NOT_V4;
                }
            } else {
                return NOT_V4;
            }
        }
        if (dots != 3 || octet < 0) {
            return NOT_V4;
        }
        return (value << 8) | octet;
    }

    static String formatIpv4(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static int userHash(String domain, String userLc) {
        int h = (domain.hashCode() * 31 + userLc.hashCode()) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static int tableSize(int expected) {
        int cap = MIN_CAPACITY;
        while (cap < expected * 2L && cap < (1 << 30)) {
            cap <<= 1;
        }
        return cap;
    }
}
