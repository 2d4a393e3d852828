package io.openjims.cli.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.cli.core.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The missing passwords of every service as one list with global indexes 1..n (services in bundle order, each
 * service's entries in its own index order), and the way back to each service's own index.
 */
public final class MissingPasswords {

    /** One missing password: its global index, the service and the service's own entry. */
    public record Entry(
            int index,
            Service service,
            int serviceIndex,
            String section,
            String type,
            String name,
            String username,
            String usedFor) {

        /** {@code directories/corp}: how a passwords file may name it. */
        public String path() {
            return section + "/" + name;
        }

        /** One line for a person: what the password is for, never a secret. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            text.append(service.key()).append(' ').append(path()).append(": ").append(type);
            if (usedFor != null && !usedFor.isBlank()) {
                text.append(" (").append(usedFor).append(')');
            }
            if (username != null && !username.isBlank()) {
                text.append(", user ").append(username);
            }
            return text.toString();
        }
    }

    private final List<Entry> entries;

    private MissingPasswords(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Merges the services' reports (their {@code missing} arrays), in service order. */
    public static MissingPasswords merge(Map<Service, JsonNode> reports) {
        Map<Service, JsonNode> ordered = new EnumMap<>(Service.class);
        ordered.putAll(reports);
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Service, JsonNode> report : ordered.entrySet()) {
            List<JsonNode> missing = new ArrayList<>();
            report.getValue().path("missing").forEach(missing::add);
            missing.sort((a, b) ->
                    Integer.compare(a.path("index").asInt(), b.path("index").asInt()));
            for (JsonNode m : missing) {
                entries.add(new Entry(
                        entries.size() + 1,
                        report.getKey(),
                        m.path("index").asInt(),
                        m.path("section").asText(""),
                        m.path("type").asText(""),
                        m.path("name").asText(""),
                        m.path("username").asText(null),
                        m.path("used_for").asText(null)));
            }
        }
        return new MissingPasswords(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** The entry of a global index, or null. */
    public Entry byIndex(int index) {
        return index >= 1 && index <= entries.size() ? entries.get(index - 1) : null;
    }

    /** The entries a passwords file's {@code section/name} matches (one per service that has it). */
    public List<Entry> byPath(String section, String name) {
        List<Entry> found = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.section().equals(section) && entry.name().equals(name)) {
                found.add(entry);
            }
        }
        return found;
    }

    /**
     * The passwords to send to each service as {@code [{"index", "password"}]} with its own indexes, from
     * passwords by global index.
     */
    public Map<Service, List<Map<String, Object>>> perService(Map<Integer, String> byGlobalIndex) {
        Map<Service, List<Map<String, Object>>> result = new EnumMap<>(Service.class);
        for (Map.Entry<Integer, String> given : byGlobalIndex.entrySet()) {
            Entry entry = byIndex(given.getKey());
            if (entry == null) {
                continue;
            }
            result.computeIfAbsent(entry.service(), s -> new ArrayList<>())
                    .add(Map.of("index", entry.serviceIndex(), "password", given.getValue()));
        }
        result.values()
                .forEach(list -> list.sort((a, b) -> Integer.compare((int) a.get("index"), (int) b.get("index"))));
        return Collections.unmodifiableMap(result);
    }
}
