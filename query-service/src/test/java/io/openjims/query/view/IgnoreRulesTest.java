package io.openjims.query.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.query.view.model.IgnoreRule;
import io.openjims.query.view.service.IgnoreRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

    private static final IgnoreRules RULES = IgnoreRules.of(List.of(
            new IgnoreRule("1", "user", "svc-*"),
            new IgnoreRule("2", "user", "*$"),
            new IgnoreRule("3", "user", "backup?"),
            new IgnoreRule("4", "address", "10.9.0.0/16"),
            new IgnoreRule("5", "address", "2001:db8::5")));

    @Test
    void userGlobsMatchTheWholeAccountNameCaseInsensitively() {
        assertThat(RULES.match("10.0.0.1", "SVC-Backup").tag()).isEqualTo("user:svc-*");
        assertThat(RULES.match("10.0.0.1", "PC-42$").tag()).isEqualTo("user:*$");
        assertThat(RULES.match("10.0.0.1", "backup1").tag()).isEqualTo("user:backup?");
        assertThat(RULES.match("10.0.0.1", "backup12")).isNull();
        assertThat(RULES.match("10.0.0.1", "my-svc-x")).isNull();
        assertThat(RULES.match("10.0.0.1", "alice")).isNull();
    }

    @Test
    void addressRulesMatchAddressesAndPrefixesOfTheirFamily() {
        assertThat(RULES.match("10.9.200.1", "alice").tag()).isEqualTo("address:10.9.0.0/16");
        assertThat(RULES.match("10.10.0.1", "alice")).isNull();
        assertThat(RULES.match("2001:db8::5", "alice").tag()).isEqualTo("address:2001:db8::5");
        assertThat(RULES.match("2001:db8::6", "alice")).isNull();
        assertThat(IgnoreRules.NONE.match("10.9.0.1", "svc-x")).isNull();
    }

    @Test
    void badRulesAreNamedAndPatternsCanonical() {
        assertThat(IgnoreRules.problem("group", "x")).contains("kind");
        assertThat(IgnoreRules.problem("user", " ")).contains("required");
        assertThat(IgnoreRules.problem("user", "**")).contains("everyone");
        assertThat(IgnoreRules.problem("user", "a\u0000b")).contains("control character");
        assertThat(IgnoreRules.problem("address", "10.0.0.0/33")).contains("CIDR");
        assertThat(IgnoreRules.problem("address", "host.example")).contains("CIDR");
        assertThat(IgnoreRules.problem("address", "10.0.0.0/255.0.0.0")).contains("CIDR");
        assertThat(IgnoreRules.problem("address", "::ffff:10.0.0.12")).isNull();
        assertThat(IgnoreRules.canonical("address", "::ffff:10.0.0.12")).isEqualTo("10.0.0.12");
        assertThat(IgnoreRules.canonical("address", "2001:DB8:0::/32")).isEqualTo("2001:db8::/32");
        assertThat(IgnoreRules.canonical("user", " SVC-* ")).isEqualTo("svc-*");
    }
}
