package io.openjims.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.e2e.TenantReceiver;
import io.openjims.e2e.faults.LoadGenerator.Outcome;
import io.openjims.e2e.faults.LoadGenerator.Sent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compares what one phase's load generator was told with the final view, the change log the SRX client followed and
 * what each tenant received.
 *
 * <ul>
 *   <li>An accepted logon has exactly one logon item in the change log; an accepted logoff of it exactly one logoff
 *       item; the view holds the address exactly when no logoff was accepted. Except when the logoff overtook its
 *       logon (they went through different collector replicas): then the view decided both without a change (its
 *       provenance says {@code unchanged}: {@code no_session}, then {@code older}) and neither is in the change log.
 *   <li>A line read over plain TCP counts as accepted, except in a phase that killed the collector: plain TCP
 *       syslog has no acknowledgement, so the lines a killed collector had read but Kafka not yet acknowledged are
 *       gone (counted apart as {@code tcpReadNotAcked}; RELP and HTTP are the transports that lose nothing).
 *   <li>An unconfirmed event has at most one item, and the view agrees with the change log.
 *   <li>A rejected event has none.
 *   <li>The tenant of the event's domain received each change-log item exactly once, counting a resent batch (same
 *       {@code batch_id}) once; a resend carries the same items; no tenant received another domain's session.
 * </ul>
 */
final class FaultChecker {

    /** The counts of one phase; {@code problems} lists every loss or duplicate (empty when all is well). */
    record Report(
            String phase,
            int sent,
            int accepted,
            int readOverTcp,
            int unconfirmed,
            int rejected,
            int inView,
            int changeLogItems,
            Map<String, Integer> deliveredPerTenant,
            int lost,
            int duplicated,
            int tcpReadNotAcked,
            List<String> problems) {

        String line() {
            return "[faults] %s: sent %d, accepted %d (+%d read over plain TCP), unconfirmed %d, rejected %d,"
                            .formatted(phase, sent, accepted, readOverTcp, unconfirmed, rejected)
                    + " in view %d, change-log items %d, delivered %s, lost %d, duplicated effects %d"
                            .formatted(inView, changeLogItems, deliveredPerTenant, lost, duplicated)
                    + (tcpReadNotAcked > 0
                            ? ", plain-TCP lines read but not acked at the kill " + tcpReadNotAcked
                            : "");
        }
    }

    private FaultChecker() {}

    /** Whether the other half of {@code s}'s logon/logoff pair was sent and is not in the change log either. */
    private static boolean partnerMissing(Sent s, Map<String, Sent> byKey, Map<String, Integer> logItems) {
        String partner = (s.operation().equals("logon") ? "logoff " : "logon ") + s.ip();
        return byKey.containsKey(partner) && logItems.getOrDefault(partner, 0) == 0;
    }

    /**
     * @param view the addresses of this phase the view holds now
     * @param tenants tenant receiver by the domain it was registered for
     * @param decidedWithoutChange whether the view's provenance lists the event as decided with no change
     */
    static Report check(
            String phase,
            LoadGenerator load,
            boolean collectorKilled,
            List<SrxFollower.Item> changeLog,
            Set<String> view,
            Map<String, TenantReceiver> tenants,
            Predicate<Sent> decidedWithoutChange) {
        List<Sent> sent = load.sent();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> logItems = new HashMap<>();
        for (SrxFollower.Item item : changeLog) {
            if (load.owns(item.ip())) {
                logItems.merge(item.key(), 1, Integer::sum);
            }
        }
        Map<String, Sent> byKey = new HashMap<>();
        for (Sent s : sent) {
            Sent previous = byKey.put(s.key(), s);
            if (previous != null) {
                throw new IllegalStateException("the load generator sent " + s.key() + " twice");
            }
        }
        int lost = 0;
        int duplicated = 0;
        int tcpReadNotAcked = 0;
        for (Sent s : sent) {
            int items = logItems.getOrDefault(s.key(), 0);
            if (items > 1) {
                duplicated++;
                problems.add("%s (%s, %s) is %d times in the change log"
                        .formatted(s.key(), s.channel(), s.outcome(), items));
            }
            if (s.outcome() == Outcome.READ && items == 0 && collectorKilled) {
                tcpReadNotAcked++;
            } else if ((s.outcome() == Outcome.ACCEPTED || s.outcome() == Outcome.READ)
                    && items == 0
                    && !(partnerMissing(s, byKey, logItems) && decidedWithoutChange.test(s))) {
                lost++;
                problems.add("accepted %s (%s) is not in the change log".formatted(s.key(), s.channel()));
            }
            if (s.outcome() == Outcome.REJECTED && items > 0) {
                problems.add("rejected %s is in the change log".formatted(s.key()));
            }
            if (s.operation().equals("logon")) {
                Sent logoff = byKey.get("logoff " + s.ip());
                boolean loggedOff = logItems.getOrDefault("logoff " + s.ip(), 0) > 0;
                boolean expected = items > 0 && !loggedOff;
                if (view.contains(s.ip()) != expected) {
                    if (s.outcome() != Outcome.UNCONFIRMED && !view.contains(s.ip())) {
                        lost++;
                    }
                    problems.add("%s (%s, %s; logoff %s): in view %s, change log says %s"
                            .formatted(
                                    s.ip(),
                                    s.channel(),
                                    s.outcome(),
                                    logoff == null ? "not sent" : logoff.outcome(),
                                    view.contains(s.ip()),
                                    expected));
                }
            }
        }

        Map<String, Integer> delivered = new LinkedHashMap<>();
        for (Map.Entry<String, TenantReceiver> tenant : tenants.entrySet()) {
            String domain = tenant.getKey();
            Map<String, Set<String>> batchesByKey = new HashMap<>();
            Map<String, JsonNode> firstCopy = new HashMap<>();
            for (JsonNode batch : tenant.getValue().batches()) {
                String batchId = batch.path("batch_id").asText();
                JsonNode earlier = firstCopy.putIfAbsent(batchId, batch.path("items"));
                if (earlier != null && !earlier.equals(batch.path("items"))) {
                    problems.add("tenant %s got batch %s twice with different items".formatted(domain, batchId));
                }
                for (JsonNode item : batch.path("items")) {
                    if (!item.path("kind").asText().equals("session")
                            || !load.owns(item.path("ip").asText())) {
                        continue;
                    }
                    if (!item.path("domain").asText().equals(domain)) {
                        problems.add("tenant %s got %s of domain %s".formatted(domain, item, item.path("domain")));
                    }
                    String key = item.path("operation").asText() + " "
                            + item.path("ip").asText();
                    batchesByKey.computeIfAbsent(key, k -> new HashSet<>()).add(batchId);
                }
            }
            delivered.put(domain, batchesByKey.size());
            for (Sent s : sent) {
                if (!s.domain().equals(domain)) {
                    continue;
                }
                int inLog = logItems.getOrDefault(s.key(), 0);
                int batches = batchesByKey.getOrDefault(s.key(), Set.of()).size();
                if (inLog > 0 && batches == 0) {
                    lost++;
                    problems.add("tenant %s never received %s (%s)".formatted(domain, s.key(), s.outcome()));
                } else if (batches > 1) {
                    duplicated++;
                    problems.add("tenant %s received %s in %d different batches".formatted(domain, s.key(), batches));
                } else if (inLog == 0 && batches > 0) {
                    problems.add("tenant %s received %s, which is not in the change log".formatted(domain, s.key()));
                }
            }
        }
        int inView = (int) sent.stream()
                .filter(s -> s.operation().equals("logon") && view.contains(s.ip()))
                .count();
        int logTotal = logItems.values().stream().mapToInt(Integer::intValue).sum();
        return new Report(
                phase,
                sent.size(),
                (int) load.count(Outcome.ACCEPTED),
                (int) load.count(Outcome.READ),
                (int) load.count(Outcome.UNCONFIRMED),
                (int) load.count(Outcome.REJECTED),
                inView,
                logTotal,
                delivered,
                lost,
                duplicated,
                tcpReadNotAcked,
                problems);
    }
}
