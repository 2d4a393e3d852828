package io.openjims.collector.syslog.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.collector.syslog.parse.SyslogParser;
import io.openjims.model.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regexes run on a budget of character reads: a catastrophic one is stopped and its rule taken out of service. */
class RegexBudgetTest {

    private final SyslogParser parser = new SyslogParser();

    /** No built-in rule comes near its budget on hostile lines of the maximum size built from its own vocabulary. */
    @Test
    void noBuiltInRuleRunsOutOfBudgetOnHostileLines() {
        RuleEngine engine = new RuleEngine(new SessionTracker(10));
        List<CompiledRule> builtIns =
                BuiltInRules.all().stream().map(CompiledRule::compile).toList();
        engine.replace(builtIns);
        for (CompiledRule rule : builtIns) {
            String seed = rule.definition().condition();
            for (String filler : List.of("a", " ", "=", "\\", "\"", seed, seed + " ", "Account Name: ")) {
                String line = (seed + filler.repeat(8000 / Math.max(1, filler.length()))).substring(0, 8000);
                engine.evaluate(parser.parse(line), "s");
            }
        }
        assertThat(builtIns)
                .allSatisfy(rule ->
                        assertThat(rule.disabledBecause()).as(rule.name()).isNull());
    }

    private static RuleDefinition rule(String name, int position, String pattern) {
        return new RuleDefinition(
                name, Operation.LOGON, ConditionType.SUBSTRING, "user=", pattern, null, null, position, true);
    }

    @Test
    void aCatastrophicRegexIsStoppedAndItsRuleDisabledTheNextRulesGoOn() {
        RuleEngine engine = new RuleEngine(new SessionTracker(10));
        CompiledRule redos = CompiledRule.compile(rule("redos", 1, "user=(?<user>.*.*.*)#(?<ip>\\S+)"));
        engine.replace(List.of(redos, CompiledRule.compile(rule("plain", 2, "user=(?<user>\\S+) ip=(?<ip>\\S+)"))));
        String hostile = "user=bob ip=10.0.0.1 " + "a".repeat(4000);

        RuleResult first = engine.evaluate(parser.parse(hostile), "s");
        assertThat(redos.disabledBecause()).contains("steps on one message");
        assertThat(first.outcome()).isEqualTo(RuleOutcome.MATCHED);
        assertThat(first.rule()).isEqualTo("plain");

        RuleResult next = engine.evaluate(parser.parse("user=carol ip=10.0.0.2"), "s");
        assertThat(next.rule()).isEqualTo("plain");
        assertThat(next.identity().user()).isEqualTo("carol");

        // A refresh with the same definitions keeps it out of service; saving it anew brings it back.
        engine.replace(List.of(
                CompiledRule.compile(redos.definition()),
                CompiledRule.compile(rule("plain", 2, "user=(?<user>\\S+) ip=(?<ip>\\S+)"))));
        assertThat(engine.disabledBecause("redos")).contains("steps on one message");
        engine.replace(List.of(CompiledRule.compile(rule("redos", 1, "user=(?<user>a+)b ip=(?<ip>\\S+)"))));
        assertThat(engine.disabledBecause("redos")).isNull();
    }

    @Test
    void aDryRunReportsTheBudgetWithoutDisablingTheRule() {
        RuleEngine engine = new RuleEngine(new SessionTracker(10));
        CompiledRule redos = CompiledRule.compile(rule("redos", 1, "user=(?<user>\\S+).*ip=(?<ip>\\S+)"), 100_000);
        RuleResult tried = engine.dryRun(List.of(redos), parser.parse("user=" + "a".repeat(2000)), "s");
        assertThat(tried.outcome()).isEqualTo(RuleOutcome.REJECTED);
        assertThat(tried.reason()).isEqualTo("regex_budget_exceeded");
        assertThat(redos.disabledBecause()).isNull();
    }

    @Test
    void anAnchoredRuleKeepsWorkingOnTheLongestLines() {
        RuleEngine engine = new RuleEngine(new SessionTracker(10));
        CompiledRule sane = CompiledRule.compile(rule("sane", 1, "user=(?<user>[^ ]+) ip=(?<ip>[^ ]+)"));
        engine.replace(List.of(sane));
        for (String longLine : List.of(
                "user=" + "x".repeat(8180),
                "user=x ".repeat(1160),
                "user=" + "x ip=".repeat(1630),
                "<13>1 " + "user= ".repeat(1360))) {
            assertThat(engine.evaluate(parser.parse(longLine), "s").outcome()).isNotEqualTo(RuleOutcome.MATCHED);
        }
        assertThat(sane.disabledBecause()).isNull();
        assertThat(engine.evaluate(parser.parse("<13>x user=carol ip=10.0.0.3 "), "s")
                        .identity()
                        .user())
                .isEqualTo("carol");
    }
}
