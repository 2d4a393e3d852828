package io.openjims.collector.syslog.service;

import io.openjims.collector.syslog.parse.SyslogMessage;
import io.openjims.collector.syslog.parse.SyslogParser;
import io.openjims.collector.syslog.repository.SyslogBuiltinSeededEntity;
import io.openjims.collector.syslog.repository.SyslogBuiltinSeededRepository;
import io.openjims.collector.syslog.repository.SyslogRuleEntity;
import io.openjims.collector.syslog.repository.SyslogRuleRepository;
import io.openjims.collector.syslog.rules.BuiltInRules;
import io.openjims.collector.syslog.rules.CompiledRule;
import io.openjims.collector.syslog.rules.ConditionType;
import io.openjims.collector.syslog.rules.InvalidRuleException;
import io.openjims.collector.syslog.rules.RuleDefinition;
import io.openjims.collector.syslog.rules.RuleEngine;
import io.openjims.collector.syslog.rules.RuleResult;
import io.openjims.model.Operation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The syslog rules: stored in PostgreSQL, held compiled in the {@link RuleEngine} the message path evaluates. Built-in
 * rules are seeded at start; every change through the admin API is applied to this replica at once, and every replica
 * re-reads the rules on a schedule.
 */
@ApplicationScoped
public class SyslogRules {

    private static final Logger LOG = Logger.getLogger(SyslogRules.class);
    private static final int POSITION_STEP = 10;

    private final SyslogRuleRepository repository;
    private final SyslogBuiltinSeededRepository seeded;
    private final RuleEngine engine;
    private final SyslogParser parser = new SyslogParser();
    private final AtomicBoolean initialized = new AtomicBoolean();

    public SyslogRules(SyslogRuleRepository repository, SyslogBuiltinSeededRepository seeded, RuleEngine engine) {
        this.repository = repository;
        this.seeded = seeded;
        this.engine = engine;
    }

    /** Why the running rule of this name stopped taking messages (its regex ran out of budget), or null. */
    public String disabledBecause(String name) {
        return engine.disabledBecause(name);
    }

    /** Seeds the built-in rules and loads all rules; blocking, called once before the listeners start. */
    public void initialize() {
        if (!initialized.compareAndSet(false, true)) {
            return;
        }
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::seedBuiltIns));
            VertxContextSupport.subscribeAndAwait(this::reload);
        } catch (Throwable e) {
            LOG.warnf("Syslog rules not read from the database yet (built-in rules apply): %s", e.getMessage());
        }
    }

    @Scheduled(every = "${openjims.collector.syslog.rules-refresh-interval}", delayed = "10s")
    Uni<Void> refresh() {
        return reload().onFailure()
                .invoke(e -> LOG.debugf("Syslog rules not refreshed: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Re-reads all rules from the database into the engine. */
    public Uni<List<StoredRule>> reload() {
        return Panache.withSession(repository::listOrdered).map(entities -> {
            List<StoredRule> stored =
                    entities.stream().map(SyslogRules::toStored).toList();
            List<CompiledRule> compiled = new ArrayList<>();
            for (StoredRule rule : stored) {
                try {
                    compiled.add(CompiledRule.compile(rule.definition()));
                } catch (InvalidRuleException e) {
                    LOG.warnf(
                            "Stored syslog rule %s is unusable and skipped: %s",
                            rule.definition().name(), e.getMessage());
                }
            }
            engine.replace(compiled);
            return stored;
        });
    }

    public Uni<List<StoredRule>> list() {
        return Panache.withSession(repository::listOrdered)
                .map(entities -> entities.stream().map(SyslogRules::toStored).toList());
    }

    public Uni<StoredRule> get(UUID id) {
        return Panache.withSession(() -> repository.findById(id)).map(entity -> {
            if (entity == null) {
                throw notFound(id);
            }
            return toStored(entity);
        });
    }

    /** Adds a rule (default position: after the last one). */
    public Uni<StoredRule> create(RuleDefinition requested, boolean positionGiven) {
        return Panache.withTransaction(() -> repository.listOrdered().flatMap(existing -> {
                    int position = positionGiven
                            ? requested.position()
                            : existing.stream().mapToInt(e -> e.position).max().orElse(0) + POSITION_STEP;
                    RuleDefinition definition = withPosition(requested, position);
                    validate(definition);
                    if (existing.stream().anyMatch(e -> e.name.equals(definition.name()))) {
                        throw duplicate(definition.name());
                    }
                    Instant now = Instant.now();
                    SyslogRuleEntity entity = new SyslogRuleEntity();
                    entity.id = UUID.randomUUID();
                    entity.createdAt = now;
                    apply(entity, definition, now);
                    return repository.persist(entity);
                }))
                .map(SyslogRules::toStored)
                .call(this::reload);
    }

    /** Replaces a rule's definition; a changed built-in rule is no longer updated by upgrades. */
    public Uni<StoredRule> update(UUID id, Function<RuleDefinition, RuleDefinition> change) {
        return Panache.withTransaction(() -> repository.listOrdered().flatMap(existing -> {
                    SyslogRuleEntity entity = existing.stream()
                            .filter(e -> e.id.equals(id))
                            .findFirst()
                            .orElseThrow(() -> notFound(id));
                    RuleDefinition definition = change.apply(toDefinition(entity));
                    validate(definition);
                    if (existing.stream().anyMatch(e -> !e.id.equals(id) && e.name.equals(definition.name()))) {
                        throw duplicate(definition.name());
                    }
                    if (entity.builtin) {
                        entity.modified = true;
                    }
                    apply(entity, definition, Instant.now());
                    return repository.persist(entity);
                }))
                .map(SyslogRules::toStored)
                .call(this::reload);
    }

    public Uni<Void> delete(UUID id) {
        return Panache.withTransaction(() -> repository.deleteById(id).invoke(deleted -> {
                    if (!deleted) {
                        throw notFound(id);
                    }
                }))
                .call(this::reload)
                .replaceWithVoid();
    }

    /** What a sample line yields with the current rules, or with only the given rule; remembers nothing. */
    public TrialResult trial(String line, String sender, RuleDefinition onlyRule) {
        List<CompiledRule> candidates;
        if (onlyRule == null) {
            candidates = engine.rules();
        } else {
            validate(onlyRule);
            candidates = List.of(CompiledRule.compile(withEnabled(onlyRule)));
        }
        SyslogMessage message = parser.parse(line);
        RuleResult result = engine.dryRun(candidates, message, sender);
        return new TrialResult(message, result);
    }

    /** A sample line's parsed header and what the rules made of it. */
    public record TrialResult(SyslogMessage message, RuleResult result) {}

    private Uni<Void> seedBuiltIns() {
        return seeded.listAll()
                .flatMap(seededRows -> repository.listOrdered().flatMap(existing -> {
                    var seededNames = seededRows.stream().map(row -> row.name).collect(Collectors.toSet());
                    Map<String, SyslogRuleEntity> byName =
                            existing.stream().collect(Collectors.toMap(e -> e.name, e -> e));
                    Instant now = Instant.now();
                    List<Object> changed = new ArrayList<>();
                    for (RuleDefinition builtIn : BuiltInRules.all()) {
                        SyslogRuleEntity entity = byName.get(builtIn.name());
                        if (!seededNames.contains(builtIn.name())) {
                            SyslogBuiltinSeededEntity mark = new SyslogBuiltinSeededEntity();
                            mark.name = builtIn.name();
                            mark.seededAt = now;
                            changed.add(mark);
                            if (entity == null) {
                                entity = new SyslogRuleEntity();
                                entity.id = UUID.randomUUID();
                                entity.createdAt = now;
                                entity.builtin = true;
                                apply(entity, builtIn, now);
                                changed.add(entity);
                            }
                        } else if (entity != null
                                && entity.builtin
                                && !entity.modified
                                && !sameDefinition(entity, builtIn)) {
                            // An unmodified built-in rule follows the code (keeping its position and enabled flag).
                            apply(entity, withEnabled(withPosition(builtIn, entity.position), entity.enabled), now);
                            changed.add(entity);
                        }
                    }
                    if (changed.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("Seeding or updating %d built-in syslog rule rows", changed.size());
                    return Panache.getSession().flatMap(session -> session.persistAll(changed.toArray()));
                }));
    }

    private static boolean sameDefinition(SyslogRuleEntity entity, RuleDefinition builtIn) {
        RuleDefinition stored = toDefinition(entity);
        return stored.operation() == builtIn.operation()
                && stored.conditionType() == builtIn.conditionType()
                && Objects.equals(stored.condition(), builtIn.condition())
                && Objects.equals(stored.pattern(), builtIn.pattern())
                && Objects.equals(stored.exclude(), builtIn.exclude())
                && Objects.equals(stored.skipUsers(), builtIn.skipUsers());
    }

    /** Throws {@link SyslogRuleProblem} (400 {@code invalid_rule}) when the rule does not compile. */
    public static void validate(RuleDefinition definition) {
        try {
            CompiledRule.compile(definition);
        } catch (InvalidRuleException e) {
            throw new SyslogRuleProblem(400, "invalid_rule", e.getMessage());
        }
    }

    /** Copies a definition onto a row (blank exclude and skip_users stored as null). */
    public static void apply(SyslogRuleEntity entity, RuleDefinition definition, Instant now) {
        entity.name = definition.name();
        entity.position = definition.position();
        entity.operation = definition.operation().wireName();
        entity.conditionType = definition.conditionType().wireName();
        entity.condition = definition.condition();
        entity.pattern = definition.pattern();
        entity.exclude = blankToNull(definition.exclude());
        entity.skipUsers = blankToNull(definition.skipUsers());
        entity.enabled = definition.enabled();
        entity.updatedAt = now;
    }

    public static RuleDefinition toDefinition(SyslogRuleEntity entity) {
        return new RuleDefinition(
                entity.name,
                Operation.fromWireName(entity.operation),
                ConditionType.fromWireName(entity.conditionType),
                entity.condition,
                entity.pattern,
                entity.exclude,
                entity.skipUsers,
                entity.position,
                entity.enabled);
    }

    private static StoredRule toStored(SyslogRuleEntity entity) {
        return new StoredRule(
                entity.id, toDefinition(entity), entity.builtin, entity.modified, entity.createdAt, entity.updatedAt);
    }

    private static RuleDefinition withPosition(RuleDefinition d, int position) {
        return new RuleDefinition(
                d.name(),
                d.operation(),
                d.conditionType(),
                d.condition(),
                d.pattern(),
                d.exclude(),
                d.skipUsers(),
                position,
                d.enabled());
    }

    private static RuleDefinition withEnabled(RuleDefinition d) {
        return withEnabled(d, true);
    }

    private static RuleDefinition withEnabled(RuleDefinition d, boolean enabled) {
        return new RuleDefinition(
                d.name(),
                d.operation(),
                d.conditionType(),
                d.condition(),
                d.pattern(),
                d.exclude(),
                d.skipUsers(),
                d.position(),
                enabled);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static SyslogRuleProblem notFound(UUID id) {
        return new SyslogRuleProblem(404, "not_found", "No syslog rule with id " + id + "; list them with GET.");
    }

    private static SyslogRuleProblem duplicate(String name) {
        return new SyslogRuleProblem(
                409,
                "duplicate_name",
                "A syslog rule named " + name + " exists already; choose another name or change that rule with PUT.");
    }
}
