package io.openjims.collector.syslog.listener;

import io.openjims.collector.ingest.service.ProducerScope;
import io.openjims.collector.syslog.config.SyslogConfig;
import io.openjims.collector.syslog.service.SenderScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who may send syslog and what each sender may claim: the plain {@code allowed-senders} list (unrestricted senders)
 * plus the named {@code senders."<name>"} entries, each with its addresses and its scope (domains, address ranges), the
 * same {@link ProducerScope} ingest clients carry. Without {@code allowed-senders}, everyone may send when no named
 * sender is configured, and only the named senders when some are. Built once from the settings; a bad entry fails the start with the
 * setting's name. Thread-safe (immutable).
 */
public final class SenderPolicy {

    private record Named(SenderAllowList addresses, SenderScope scope) {}

    private final SenderAllowList plain;
    private final List<Named> named;

    private SenderPolicy(SenderAllowList plain, List<Named> named) {
        this.plain = plain;
        this.named = named;
    }

    public static SenderPolicy from(SyslogConfig config) {
        return of(config.allowedSenders().orElse(List.of()), config.senders());
    }

    /** From {@code allowed-senders} and the named {@code senders}; throws IllegalArgumentException naming the setting. */
    public static SenderPolicy of(List<String> allowedSenders, Map<String, ? extends SyslogConfig.Sender> senders) {
        SenderAllowList plain;
        try {
            plain = SenderAllowList.fromSetting(allowedSenders);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("openjims.collector.syslog." + e.getMessage());
        }
        List<Named> named = new ArrayList<>();
        for (Map.Entry<String, ? extends SyslogConfig.Sender> entry : new TreeMap<>(senders).entrySet()) {
            String name = entry.getKey();
            SyslogConfig.Sender sender = entry.getValue();
            String setting = "openjims.collector.syslog.senders.\"" + name + "\"";
            List<String> addresses = sender.addresses().stream()
                    .map(String::trim)
                    .filter(a -> !a.isEmpty())
                    .toList();
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException(setting + ".addresses: list at least one address or CIDR prefix");
            }
            SenderAllowList list;
            try {
                list = SenderAllowList.of(addresses);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        setting + ".addresses: " + e.getMessage().replaceFirst("^allowed-senders: ", ""));
            }
            ProducerScope scope;
            try {
                scope = ProducerScope.validated(
                        sender.domains().orElse(List.of()),
                        sender.addressRanges().orElse(List.of()),
                        false);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        setting + "." + e.getMessage().replace("address_ranges", "address-ranges"));
            }
            named.add(new Named(list, new SenderScope(name, scope)));
        }
        if (plain.allowsEveryone() && !named.isEmpty()) {
            // Named senders close the listener to everyone else unless allowed-senders lists them.
            plain = SenderAllowList.NOBODY;
        }
        return new SenderPolicy(plain, List.copyOf(named));
    }

    /** Whether the sender (canonical textual address) may send at all. */
    public boolean allows(String sender) {
        if (plain.allows(sender)) {
            return true;
        }
        for (Named entry : named) {
            if (entry.addresses().allows(sender)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The scope of an allowed sender: the named sender with the longest matching prefix, else unrestricted (a plain
     * {@code allowed-senders} entry or an open listener).
     */
    public SenderScope scopeOf(String sender) {
        Named best = null;
        int longest = -1;
        for (Named entry : named) {
            int bits = entry.addresses().longestMatch(sender);
            if (bits > longest) {
                longest = bits;
                best = entry;
            }
        }
        return best == null ? SenderScope.UNRESTRICTED : best.scope();
    }

    /** No plain entry nor named sender: every datagram and connection is refused. */
    public boolean admitsNobody() {
        return plain.allowsNobody() && named.isEmpty();
    }

    /** No allow-list and no named sender: every address may send, unrestricted. */
    public boolean admitsEveryone() {
        return plain.allowsEveryone();
    }

    public List<String> senderNames() {
        return named.stream().map(n -> n.scope().name()).toList();
    }
}
