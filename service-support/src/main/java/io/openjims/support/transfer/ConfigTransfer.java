package io.openjims.support.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Export and import of one service's configuration document. Import is planned first ({@link #plan}: the document
 * verified, sections chosen, every needed secret opened or given by index) and applied only when nothing is
 * missing ({@link #apply}, which the service runs in one transaction so a failure leaves the old configuration).
 */
public final class ConfigTransfer {

    private static final Logger LOG = Logger.getLogger(ConfigTransfer.class);

    private final String service;
    private final Map<String, ConfigSection> sections = new LinkedHashMap<>();
    private final Clock clock;
    private final int iterations;

    public ConfigTransfer(String service, List<ConfigSection> sections, Clock clock, int iterations) {
        this.service = service;
        sections.forEach(s -> this.sections.put(s.name(), s));
        this.clock = clock;
        this.iterations = iterations;
    }

    public ConfigTransfer(String service, List<ConfigSection> sections) {
        this(service, sections, Clock.systemUTC(), ConfigSeal.DEFAULT_ITERATIONS);
    }

    public Set<String> sectionNames() {
        return sections.keySet();
    }

    /** A secret the admin must assign before the import can run; {@code index} counts from 1 over the document. */
    public record MissingPassword(
            int index,
            String section,
            String type,
            String name,
            String username,
            @JsonProperty("used_for") String usedFor) {}

    /** A secret given by the admin for the {@link MissingPassword} of that index. */
    public record IndexedPassword(Integer index, String password) {}

    /** An import request as the API and the CLI send it. */
    public record ImportRequest(
            JsonNode document,
            List<String> sections,
            @JsonProperty("accept_partial") Boolean acceptPartial,
            String passphrase,
            List<IndexedPassword> passwords,
            @JsonProperty("dry_run") Boolean dryRun) {}

    /** The checked import: ready when {@code remaining} is 0. */
    public record ImportPlan(
            List<String> sections,
            boolean partial,
            boolean dryRun,
            int total,
            int fixed,
            List<MissingPassword> missing,
            Map<String, ConfigSection.SecretValue> secrets,
            Map<String, JsonNode> content) {

        public int remaining() {
            return missing.size();
        }

        public boolean ready() {
            return missing.isEmpty();
        }
    }

    /** Exports the named sections (all when null or empty); with a passphrase, secrets are sealed under it. */
    public Uni<ObjectNode> export(List<String> names, String passphrase) {
        List<String> chosen = choose(names);
        ConfigSeal seal = passphrase == null ? null : ConfigSeal.create(passphrase, iterations);
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String name : chosen) {
            ConfigSection section = sections.get(name);
            chain = chain.flatMap(v -> section.export(seal).invoke(node -> content.set(name, node)))
                    .replaceWithVoid();
        }
        return chain.map(v -> ConfigDocuments.export(service, clock.instant(), content, seal));
    }

    /**
     * Verifies the document and works out what the import needs; throws {@link ConfigDocumentException} or
     * {@link ApiException} (400) for a document or request that cannot be imported.
     */
    public ImportPlan plan(ImportRequest request) {
        if (request == null || request.document() == null) {
            throw ApiException.badRequest("invalid_request", "send {\"document\": {...}} (an exported configuration)");
        }
        ConfigDocuments.Verified doc = ConfigDocuments.verify(request.document(), service, request.passphrase());
        boolean partial = request.sections() != null && !request.sections().isEmpty();
        List<String> chosen;
        if (partial) {
            chosen = choose(request.sections());
            if (!Boolean.TRUE.equals(request.acceptPartial())) {
                throw new ApiException(
                        400,
                        "accept_partial_required",
                        "a partial import replaces " + chosen + " entirely and leaves the other sections as they are;"
                                + " confirm with \"accept_partial\": true",
                        "accept_partial",
                        Map.of());
            }
            for (String name : chosen) {
                if (!doc.sections().has(name)) {
                    throw ApiException.badRequest(
                            "section_not_in_document", "the document has no section \"" + name + "\" to import");
                }
            }
        } else {
            chosen = new ArrayList<>();
            doc.sections().fieldNames().forEachRemaining(chosen::add);
            for (String name : chosen) {
                if (!sections.containsKey(name)) {
                    throw ApiException.badRequest(
                            "unknown_section",
                            "the document has a section \"" + name + "\" this service does not know; known: "
                                    + sections.keySet());
                }
            }
        }
        Map<Integer, String> given = new HashMap<>();
        if (request.passwords() != null) {
            for (IndexedPassword p : request.passwords()) {
                if (p == null
                        || p.index() == null
                        || p.password() == null
                        || p.password().isEmpty()) {
                    throw ApiException.badRequest(
                            "invalid_password_entry", "each passwords entry needs an index and a non-empty password");
                }
                given.put(p.index(), p.password());
            }
        }
        Map<String, ConfigSection.SecretValue> secrets = new HashMap<>();
        Map<String, JsonNode> content = new LinkedHashMap<>();
        List<MissingPassword> missing = new ArrayList<>();
        Set<Integer> known = new LinkedHashSet<>();
        int index = 0;
        int total = 0;
        int fixed = 0;
        for (String name : chosen) {
            JsonNode sectionContent = doc.sections().get(name);
            content.put(name, sectionContent);
            for (ConfigSection.SecretNeed need : sections.get(name).check(sectionContent)) {
                index++;
                known.add(index);
                var opened = doc.secret(need.stored(), need.path());
                if (given.containsKey(index)) {
                    total++;
                    fixed++;
                    secrets.put(need.path(), new ConfigSection.SecretValue(given.get(index), false));
                } else if (opened.isPresent()) {
                    secrets.put(need.path(), new ConfigSection.SecretValue(opened.get(), true));
                } else {
                    total++;
                    missing.add(new MissingPassword(
                            index, name, need.type(), need.name(), need.username(), need.usedFor()));
                }
            }
        }
        for (Integer i : given.keySet()) {
            if (!known.contains(i)) {
                throw ApiException.badRequest(
                        "invalid_password_index", "no secret has index " + i + " (1.." + index + ")");
            }
        }
        return new ImportPlan(
                List.copyOf(chosen),
                partial,
                Boolean.TRUE.equals(request.dryRun()),
                total,
                fixed,
                List.copyOf(missing),
                Map.copyOf(secrets),
                content);
    }

    /** Replaces every planned section; the caller runs this in one transaction. Refuses a plan that is not ready. */
    public Uni<Map<String, ConfigSection.SectionChange>> apply(ImportPlan plan) {
        if (!plan.ready()) {
            throw new IllegalStateException("an import with missing passwords cannot be applied");
        }
        Map<String, ConfigSection.SectionChange> changes = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String name : plan.sections()) {
            ConfigSection section = sections.get(name);
            chain = chain.flatMap(v -> section.replace(plan.content().get(name), plan.secrets())
                            .invoke(change -> changes.put(name, change)))
                    .replaceWithVoid();
        }
        return chain.map(v -> changes);
    }

    /** Runs {@link ConfigSection#afterImport} of every applied section, each failure logged and passed over. */
    public Uni<Void> afterApply(ImportPlan plan) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String name : plan.sections()) {
            ConfigSection section = sections.get(name);
            chain = chain.flatMap(v -> section.afterImport()
                    .onFailure()
                    .invoke(e ->
                            LOG.warnf("after importing %s: %s (picked up on the next refresh)", name, e.toString()))
                    .onFailure()
                    .recoverWithNull());
        }
        return chain;
    }

    private List<String> choose(List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.copyOf(sections.keySet());
        }
        List<String> chosen = new ArrayList<>();
        for (String name : names) {
            if (!sections.containsKey(name)) {
                throw ApiException.badRequest(
                        "unknown_section", "no section \"" + name + "\"; this service has " + sections.keySet());
            }
            if (!chosen.contains(name)) {
                chosen.add(name);
            }
        }
        return chosen;
    }
}
