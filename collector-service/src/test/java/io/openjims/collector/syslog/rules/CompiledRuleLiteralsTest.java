package io.openjims.collector.syslog.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.model.Operation;
import org.junit.jupiter.api.Test;

/** The literal prefilter of regex conditions: only text every match must contain, never a wrong rejection. */
class CompiledRuleLiteralsTest {

    @Test
    void findsTopLevelRunsOfPlainCharacters() {
        assertThat(CompiledRule.requiredLiterals("\"EventID\":\\s*\"?4624\\b")).containsExactly("\"EventID\":", "4624");
        assertThat(CompiledRule.requiredLiterals("(?:^|[\\s,;])action=\"?login\\b"))
                .containsExactly("action=", "login");
        assertThat(CompiledRule.requiredLiterals("[ ,]Common\\.Login-Status=ACCEPT\\b"))
                .containsExactly("Common.Login-Status=ACCEPT");
        assertThat(CompiledRule.requiredLiterals("MSWinEventLog\\t\\d+\\tSecurity"))
                .containsExactly("MSWinEventLog", "Security");
    }

    @Test
    void optionalOrRepeatedCharactersAreLeftOut() {
        assertThat(CompiledRule.requiredLiterals("logins?x")).containsExactly("login");
        assertThat(CompiledRule.requiredLiterals("abcd*ef")).containsExactly("abc");
        assertThat(CompiledRule.requiredLiterals("abcde{0,2}fgh")).containsExactly("abcd", "fgh");
    }

    @Test
    void givesUpWhereNothingIsCertain() {
        assertThat(CompiledRule.requiredLiterals("logon|logoff")).isEmpty();
        assertThat(CompiledRule.requiredLiterals("(?i)logon")).isEmpty();
        assertThat(CompiledRule.requiredLiterals("x(?s:a.b)yyyy")).isEmpty();
        assertThat(CompiledRule.requiredLiterals("\\Qa.b\\E")).isEmpty();
        assertThat(CompiledRule.requiredLiterals("(logon|logoff) [a-z|]+")).isEmpty();
        assertThat(CompiledRule.requiredLiterals("ab")).isEmpty();
        assertThat(CompiledRule.requiredLiterals("abc\\x41bcd")).isEmpty();
        assertThat(CompiledRule.requiredLiterals("abc\\0101bcd")).isEmpty();
        assertThat(CompiledRule.requiredLiterals("abc\\u0041bcd")).isEmpty();
        assertThat(CompiledRule.requiredLiterals("(?<n>xyz)\\k<n>abc")).isEmpty();
        assertThat(CompiledRule.requiredLiterals("(abc)\\1234")).isEmpty();
    }

    @Test
    void groupsAndClassesEndRunsButTheirContentIsNotRequired() {
        assertThat(CompiledRule.requiredLiterals("user(?:name)?=(?<user>[^|]+)|x"))
                .isEmpty();
        assertThat(CompiledRule.requiredLiterals("user(?:name)?=(?<user>[^)(]+) from"))
                .containsExactly("user", " from");
    }

    @Test
    void conditionWithPrefilterStillDecidesLikeTheRegex() {
        CompiledRule rule = CompiledRule.compile(new RuleDefinition(
                "kv",
                Operation.LOGON,
                ConditionType.REGEX,
                "(?:^|[\\s,;])action=\"?login\\b",
                "user=(?<user>\\S+) ip=(?<ip>\\S+)",
                null,
                null,
                1,
                true));
        assertThat(rule.conditionHolds("user=a ip=10.0.0.1 action=login")).isTrue();
        assertThat(rule.conditionHolds("user=a ip=10.0.0.1 action=\"login\"")).isTrue();
        assertThat(rule.conditionHolds("user=a ip=10.0.0.1 action=logout")).isFalse();
        assertThat(rule.conditionHolds("user=a ip=10.0.0.1 xaction=login")).isFalse();
        assertThat(rule.conditionHolds("user=a ip=10.0.0.1")).isFalse();
    }
}
