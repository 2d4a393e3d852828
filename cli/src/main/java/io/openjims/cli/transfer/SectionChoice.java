package io.openjims.cli.transfer;

import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Service;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which sections a partial import takes, per service. A bare name ({@code directories}) picks that section in every
 * service whose document has it; {@code service.section} ({@code query.settings}) picks one service's.
 */
public final class SectionChoice {

    private SectionChoice() {}

    /** Sections per service (only services with a chosen section); usage error for a name no document has. */
    public static Map<Service, List<String>> choose(Bundle bundle, List<String> names) {
        Map<Service, Set<String>> chosen = new EnumMap<>(Service.class);
        for (String raw : names) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            boolean found = false;
            int dot = name.indexOf('.');
            Service only = dot > 0 ? Service.ofKey(name.substring(0, dot)) : null;
            String section = only != null ? name.substring(dot + 1) : name;
            for (Service service : bundle.documents().keySet()) {
                if ((only == null || only == service)
                        && bundle.sections(service).contains(section)) {
                    chosen.computeIfAbsent(service, s -> new LinkedHashSet<>()).add(section);
                    found = true;
                }
            }
            if (!found) {
                throw CliException.usage("the file has no section \"" + name + "\"; it has: " + available(bundle));
            }
        }
        if (chosen.isEmpty()) {
            throw CliException.usage("--sections names no section; the file has: " + available(bundle));
        }
        Map<Service, List<String>> result = new EnumMap<>(Service.class);
        chosen.forEach((service, sections) -> result.put(service, List.copyOf(sections)));
        return result;
    }

    /** {@code collector.directories, ...}: every section of the bundle, qualified. */
    public static String available(Bundle bundle) {
        List<String> all = new ArrayList<>();
        for (Service service : bundle.documents().keySet()) {
            for (String section : bundle.sections(service)) {
                all.add(service.key() + "." + section);
            }
        }
        return String.join(", ", all);
    }
}
