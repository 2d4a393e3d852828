package io.openjims.bench.query;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openjims.query.batch.config.SessionIndexConfig;
import io.openjims.query.batch.model.QueryItem;
import io.openjims.query.batch.model.SessionFeedRow;
import io.openjims.query.batch.service.SessionIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Heap per session and single-thread lookup rate of query-service's in-memory session index.
 *
 * <p>{@code java -Xms1g -Xmx4g -cp "bench/target/classes:bench/target/lib/*" io.openjims.bench.query.SessionIndexBench
 * [sessions=1000000] [lookupSeconds=5]}. Loads {@code sessions} active sessions (IPv4 addresses, about 0.8 users per
 * address, 4 domains, 200 role sets, half with one of 50 devices) the way the feed does, measures the retained heap
 * after full GCs, then runs random IP and user lookups on one thread.
 */
public final class SessionIndexBench {

    private SessionIndexBench() {}

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[] domains = {"corp.example.com", "eu.corp.example.com", "lab.example.org", "partners.example.net"};
        List<String[]> roleSets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            roleSets.add(new String[] {"staff", "vpn-users", "dept-" + (i % 40), "site-" + (i % 5)});
        }
        String[] devices = new String[50];
        for (int i = 0; i < devices.length; i++) {
            devices[i] = "{\"identity\":\"PC-" + i + "\",\"groups\":[\"laptops\"],\"os\":\"Windows 11\"}";
        }
        int users = Math.max(1, (int) (sessions * 0.8));

        long before = usedHeap();
        SessionIndex index = new SessionIndex(config(sessions * 2), new SimpleMeterRegistry());
        long now = System.currentTimeMillis();
        long loadStart = System.nanoTime();
        List<SessionFeedRow> chunk = new ArrayList<>(10_000);
        for (int i = 0; i < sessions; i++) {
            int u = i % users;
            String user = "user" + u;
            chunk.add(new SessionFeedRow(
                    ip(i),
                    true,
                    new String(domains[u % domains.length]), // fresh strings, as JDBC returns them
                    user,
                    user,
                    roleSets.get(u % roleSets.size()).clone(),
                    i % 2 == 0 ? new String(devices[u % devices.length]) : null,
                    new String("Healthy"),
                    new String("syslog"),
                    now - 60_000,
                    now + 3_600_000));
            if (chunk.size() == 10_000) {
                index.apply(chunk);
                chunk.clear();
            }
        }
        index.apply(chunk);
        chunk = null;
        long loadNanos = System.nanoTime() - loadStart;
        index.caughtUp(System.nanoTime(), 0);
        long after = usedHeap();
        double perSession = (after - before) / (double) sessions;
        System.out.printf(
                "sessions=%d load=%.2f s heap=%.1f MiB bytesPerSession=%.1f%n",
                index.size(), loadNanos / 1e9, (after - before) / 1048576.0, perSession);

        SplittableRandom random = new SplittableRandom(7);
        String[] ips = new String[4096];
        for (int i = 0; i < ips.length; i++) {
            ips[i] = ip(random.nextInt(sessions));
        }
        long found = 0;
        long n = 0;
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (int k = 0; k < 1024; k++) {
                List<QueryItem> items = index.ip(ips[(int) (n & 4095)], Set.of());
                found += items.size();
                n++;
            }
        }
        double ipRate = n / ((System.nanoTime() - start) / 1e9);
        long un = 0;
        end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (int k = 0; k < 1024; k++) {
                int u = (int) ((un * 7919) % users);
                found += index.user(domains[u % domains.length], "user" + u, Set.of())
                        .size();
                un++;
            }
        }
        double userRate = un / ((System.nanoTime() - start) / 1e9);
        System.out.printf(
                "ipLookups/s=%.0f userLookups/s=%.0f (one thread, answer items built; found %d)%n",
                ipRate, userRate, found);
    }

    private static String ip(int i) {
        return "10." + ((i >>> 16) & 0xff) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static SessionIndexConfig config(int max) {
        return new SessionIndexConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int maxSessions() {
                return max;
            }

            @Override
            public Duration overflowRetry() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration maxStaleness() {
                return Duration.ofDays(1);
            }
        };
    }
}
