package io.openjims.collector.syslog.service;

import io.openjims.collector.syslog.config.SyslogConfig;
import io.openjims.collector.syslog.rules.BuiltInRules;
import io.openjims.collector.syslog.rules.CompiledRule;
import io.openjims.collector.syslog.rules.RuleEngine;
import io.openjims.collector.syslog.rules.SessionTracker;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one {@link RuleEngine} of this replica: the message path evaluates it directly, {@link SyslogRules} replaces its
 * rules when they change. Until the database was read, the built-in rules apply.
 */
@Dependent
public class RuleEngineProducer {

    @Produces
    @Singleton
    RuleEngine ruleEngine(SyslogConfig config) {
        RuleEngine engine = new RuleEngine(new SessionTracker(config.sessionCacheSize()));
        engine.replace(BuiltInRules.all().stream().map(CompiledRule::compile).toList());
        return engine;
    }
}
