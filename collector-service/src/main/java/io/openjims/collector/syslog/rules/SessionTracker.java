package io.openjims.collector.syslog.rules;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Remembers the address of recent logons by logon id (Windows TargetLogonId) and host, so a logoff that names only
 * its logon id (4634, 4647) can be keyed by the address of its logon. Bounded: the oldest entries are forgotten.
 */
public final class SessionTracker {

    private final Map<String, String> addresses;

    public SessionTracker(int capacity) {
        this.addresses = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void logon(String host, String session, String ip) {
        addresses.put(key(host, session), ip);
    }

    /** The address of the logon with this id on this host, forgotten afterwards; null when unknown. */
    public synchronized String logoff(String host, String session) {
        return addresses.remove(key(host, session));
    }

    public synchronized int size() {
        return addresses.size();
    }

    private static String key(String host, String session) {
        return (host == null ? "" : host.toLowerCase(Locale.ROOT)) + '|' + session.toLowerCase(Locale.ROOT);
    }
}
