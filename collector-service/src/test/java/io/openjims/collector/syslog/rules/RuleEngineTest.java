package io.openjims.collector.syslog.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.collector.syslog.parse.SyslogParser;
import io.openjims.model.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    private final SyslogParser parser = new SyslogParser();

    private static RuleDefinition rule(String name, int position, String condition, String pattern) {
        return new RuleDefinition(
                name, Operation.LOGON, ConditionType.SUBSTRING, condition, pattern, null, null, position, true);
    }

    @Test
    void firstMatchingRuleInPositionOrderWins() {
        RuleEngine engine = new RuleEngine(new SessionTracker(10));
        engine.replace(List.of(
                CompiledRule.compile(rule("second", 20, "LOGIN", "LOGIN (?<user>\\S+) (?<ip>\\S+)")),
                CompiledRule.compile(rule("first", 10, "LOGIN", "LOGIN (?<user>\\S+) from (?<ip>\\S+)"))));
        RuleResult viaFirst = engine.evaluate(parser.parse("LOGIN bob from 10.0.0.9"), "s");
        assertThat(viaFirst.rule()).isEqualTo("first");
        RuleResult viaSecond = engine.evaluate(parser.parse("LOGIN bob 10.0.0.9"), "s");
        assertThat(viaSecond.rule()).isEqualTo("second");
        assertThat(viaSecond.identity().ip()).isEqualTo("10.0.0.9");
    }

    @Test
    void replacingRulesTakesEffectAtOnceAndDisabledRulesAreSkipped() {
        RuleEngine engine = new RuleEngine(new SessionTracker(10));
        String line = "LOGIN bob 10.0.0.9";
        assertThat(engine.evaluate(parser.parse(line), "s").outcome()).isEqualTo(RuleOutcome.UNMATCHED);
        RuleDefinition enabled = rule("r", 1, "LOGIN", "LOGIN (?<user>\\S+) (?<ip>\\S+)");
        engine.replace(List.of(CompiledRule.compile(enabled)));
        assertThat(engine.evaluate(parser.parse(line), "s").outcome()).isEqualTo(RuleOutcome.MATCHED);
        RuleDefinition disabled = new RuleDefinition(
                "r", Operation.LOGON, ConditionType.SUBSTRING, "LOGIN", enabled.pattern(), null, null, 1, false);
        engine.replace(List.of(CompiledRule.compile(disabled)));
        assertThat(engine.evaluate(parser.parse(line), "s").outcome()).isEqualTo(RuleOutcome.UNMATCHED);
    }

    @Test
    void splitsDomainForms() {
        RuleEngine engine = new RuleEngine(new SessionTracker(10));
        engine.replace(List.of(CompiledRule.compile(rule("r", 1, "U=", "U=(?<user>\\S+) IP=(?<ip>\\S+)"))));
        RuleResult backslash = engine.evaluate(parser.parse("U=CORP\\bob IP=10.0.0.1"), "s");
        assertThat(backslash.identity().user()).isEqualTo("bob");
        assertThat(backslash.identity().domain()).isEqualTo("CORP");
        RuleResult at = engine.evaluate(parser.parse("U=bob@corp.example.com IP=::ffff:10.0.0.2"), "s");
        assertThat(at.identity().user()).isEqualTo("bob");
        assertThat(at.identity().domain()).isEqualTo("corp.example.com");
        assertThat(at.identity().ip()).isEqualTo("10.0.0.2");
        RuleResult v6 = engine.evaluate(parser.parse("U=bob IP=2001:DB8:0:0:0:0:0:1"), "s");
        assertThat(v6.identity().ip()).isEqualTo("2001:db8::1");
        assertThat(v6.identity().domain()).isNull();
        RuleResult emptyUser = engine.evaluate(parser.parse("U=CORP\\ IP=10.0.0.1"), "s");
        assertThat(emptyUser.outcome()).isEqualTo(RuleOutcome.REJECTED);
        assertThat(emptyUser.reason()).isEqualTo("no_user");
    }

    @Test
    void invalidRulesAreRefusedWithAMessage() {
        assertThatThrownBy(() -> CompiledRule.compile(rule("r", 1, "x", "(?<user>\\S+)")))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("(?<ip>");
        assertThatThrownBy(() -> CompiledRule.compile(rule("r", 1, "x", "(?<user>[)(?<ip>x)")))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> CompiledRule.compile(rule("bad name", 1, "x", "(?<user>a)(?<ip>b)")))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("name");
        RuleDefinition logoffBySession = new RuleDefinition(
                "r", Operation.LOGOFF, ConditionType.REGEX, "x", "(?<user>a)(?<session>b)", null, null, 1, true);
        assertThat(CompiledRule.compile(logoffBySession).name()).isEqualTo("r");
    }
}
