package io.openjims.collector.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openjims.collector.syslog.parse.SyslogParser;
import io.openjims.collector.syslog.rules.BuiltInRules;
import io.openjims.collector.syslog.rules.CompiledRule;
import io.openjims.collector.syslog.rules.ExtractedIdentity;
import io.openjims.collector.syslog.rules.RuleEngine;
import io.openjims.collector.syslog.rules.RuleOutcome;
import io.openjims.collector.syslog.rules.RuleResult;
import io.openjims.collector.syslog.rules.SessionTracker;
import io.openjims.model.contract.IpAddresses;
import java.nio.charset.StandardCharsets;

/**
 * Any line through the parser and the built-in rules: no exception, and a match always carries a bounded user name
 * and a canonical IP address. The regex budget keeps each line bounded in time (the fuzzer's timeout checks it).
 */
class BuiltInRulesFuzzTest {

    private final SyslogParser parser = new SyslogParser();
    private final RuleEngine engine = new RuleEngine(new SessionTracker(1000));

    BuiltInRulesFuzzTest() {
        engine.replace(BuiltInRules.all().stream().map(CompiledRule::compile).toList());
    }

    @FuzzTest
    void evaluate(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        RuleResult result = engine.evaluate(parser.parse(line), "192.0.2.10");
        assertThat(result).isNotNull();
        if (result.outcome() == RuleOutcome.MATCHED) {
            ExtractedIdentity identity = result.identity();
            assertThat(identity.user()).isNotBlank().hasSizeLessThanOrEqualTo(256);
            assertThat(identity.ip()).isEqualTo(IpAddresses.canonicalOrNull(identity.ip()));
        } else if (result.outcome() != RuleOutcome.UNMATCHED) {
            assertThat(result.reason()).isNotBlank();
        }
    }
}
