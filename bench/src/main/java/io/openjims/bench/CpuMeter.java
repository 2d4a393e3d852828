package io.openjims.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from /proc) spent by the service process, by all PostgreSQL processes and by this JVM
 * (which hosts the embedded Kafka broker), so a figure can be judged per event even when other work shares the
 * cores.
 */
public final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long servicePid;
    private final double service0;
    private final double postgres0;
    private final double self0;

    private CpuMeter(long servicePid) {
        this.servicePid = servicePid;
        this.service0 = seconds(servicePid);
        this.postgres0 = postgresSeconds();
        this.self0 = seconds(ProcessHandle.current().pid());
    }

    public static CpuMeter start(long servicePid) {
        return new CpuMeter(servicePid);
    }

    /** CPU seconds since start: service, PostgreSQL, this JVM (broker and load generator). */
    public double[] elapsed() {
        return new double[] {
            seconds(servicePid) - service0,
            postgresSeconds() - postgres0,
            seconds(ProcessHandle.current().pid()) - self0
        };
    }

    /** "service 12.3 µs, PostgreSQL 45.6 µs, broker+load 7.8 µs of CPU per item". */
    public String perItem(long items) {
        double[] e = elapsed();
        return String.format(
                "CPU per item: service %.1f µs, PostgreSQL %.1f µs, broker+load generator %.1f µs",
                e[0] * 1e6 / items, e[1] * 1e6 / items, e[2] * 1e6 / items);
    }

    private static double postgresSeconds() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).trim().equals("postgres");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToDouble(p -> seconds(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime), counted from the state field (3) here
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
