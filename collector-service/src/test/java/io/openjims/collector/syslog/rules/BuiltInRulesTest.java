package io.openjims.collector.syslog.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.collector.syslog.parse.SyslogParser;
import io.openjims.collector.syslog.samples.SyslogSamples;
import io.openjims.model.Operation;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltInRulesTest {

    private final SyslogParser parser = new SyslogParser();
    private RuleEngine engine;

    @BeforeEach
    void setUp() {
        engine = new RuleEngine(new SessionTracker(1000));
        engine.replace(BuiltInRules.all().stream().map(CompiledRule::compile).toList());
    }

    private RuleResult offer(String line) {
        return engine.evaluate(parser.parse(line), "192.0.2.10");
    }

    private static void assertMatched(
            RuleResult result, String rule, Operation operation, String user, String domain, String ip) {
        assertThat(result.outcome()).as(result.toString()).isEqualTo(RuleOutcome.MATCHED);
        assertThat(result.rule()).isEqualTo(rule);
        assertThat(result.identity().operation()).isEqualTo(operation);
        assertThat(result.identity().user()).isEqualTo(user);
        assertThat(result.identity().domain()).isEqualTo(domain);
        assertThat(result.identity().ip()).isEqualTo(ip);
    }

    @Test
    void everyBuiltInRuleCompiles() {
        assertThat(engine.rules()).hasSize(BuiltInRules.all().size());
    }

    @Test
    void nxlog4624NetworkLogon() {
        assertMatched(
                offer(SyslogSamples.nxlog4624("10.1.2.3")),
                "windows-4624-nxlog",
                Operation.LOGON,
                "alice",
                "EXAMPLE",
                "10.1.2.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3", "7", "10", "11"})
    void nxlog4624KeepsUserLogonTypes(String type) {
        RuleResult result = offer(SyslogSamples.nxlog4624("10.1.2.4", "bob", type, "0x1"));
        assertThat(result.outcome()).isEqualTo(RuleOutcome.MATCHED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "4", "5", "8", "9"})
    void nxlog4624IgnoresOtherLogonTypes(String type) {
        RuleResult result = offer(SyslogSamples.nxlog4624("10.1.2.4", "svc-backup", type, "0x1"));
        assertThat(result.outcome()).isEqualTo(RuleOutcome.IGNORED);
        assertThat(result.rule()).isEqualTo("windows-4624-nxlog");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PC-042$", "ANONYMOUS LOGON", "DWM-3", "SYSTEM"})
    void nxlog4624IgnoresMachineAndAnonymousAccounts(String user) {
        RuleResult result = offer(SyslogSamples.nxlog4624("10.1.2.5", user, "3", "0x1"));
        assertThat(result.outcome()).isEqualTo(RuleOutcome.IGNORED);
        assertThat(result.reason()).isEqualTo("skipped_user");
    }

    @Test
    void nxlog4624WithoutAddressIsRejected() {
        RuleResult dash = offer(SyslogSamples.nxlog4624("-", "carol", "2", "0x1"));
        assertThat(dash.outcome()).isEqualTo(RuleOutcome.REJECTED);
        assertThat(dash.reason()).isEqualTo("invalid_ip");
        RuleResult loopback = offer(SyslogSamples.nxlog4624("127.0.0.1", "carol", "2", "0x1"));
        assertThat(loopback.reason()).isEqualTo("unusable_ip");
        RuleResult garbage = offer(SyslogSamples.nxlog4624("10.1.2.300", "carol", "3", "0x1"));
        assertThat(garbage.outcome()).isEqualTo(RuleOutcome.REJECTED);
        assertThat(garbage.reason()).isEqualTo("invalid_ip");
    }

    @Test
    void nxlog4768NormalisesMappedAddressAndUsesTheHeaderTime() {
        RuleResult result = offer(SyslogSamples.nxlog4768("10.1.2.6", "dave", "0x0"));
        assertMatched(result, "windows-4768-nxlog", Operation.LOGON, "dave", "EXAMPLE.COM", "10.1.2.6");
        assertThat(result.identity().timestamp()).isEqualTo(Instant.parse("2024-03-05T10:15:42.512Z"));
    }

    @Test
    void nxlog4768FailedTicketIsIgnored() {
        assertThat(offer(SyslogSamples.nxlog4768("10.1.2.6", "dave", "0x18")).outcome())
                .isEqualTo(RuleOutcome.IGNORED);
        assertThat(offer(SyslogSamples.nxlog4768("10.1.2.6", "PC-042$", "0x0")).outcome())
                .isEqualTo(RuleOutcome.IGNORED);
    }

    @Test
    void nxlogLogoffFindsTheAddressOfItsLogon() {
        assertThat(offer(SyslogSamples.nxlog4624OnTerminalServer("10.1.2.7", "erin", "0x5a1"))
                        .outcome())
                .isEqualTo(RuleOutcome.MATCHED);
        RuleResult logoff = offer(SyslogSamples.nxlogLogoff(4634, "erin", "10", "0x5A1"));
        assertMatched(logoff, "windows-4634-4647-nxlog", Operation.LOGOFF, "erin", "EXAMPLE", "10.1.2.7");

        assertThat(offer(SyslogSamples.nxlog4624OnTerminalServer("10.1.2.8", "frank", "0x5b2"))
                        .outcome())
                .isEqualTo(RuleOutcome.MATCHED);
        RuleResult userLogoff = offer(SyslogSamples.nxlogLogoff(4647, "frank", null, "0x5b2"));
        assertMatched(userLogoff, "windows-4634-4647-nxlog", Operation.LOGOFF, "frank", "EXAMPLE", "10.1.2.8");
    }

    @Test
    void nxlogLogoffOfNetworkLogonIsIgnoredAndUnknownSessionRejected() {
        assertThat(offer(SyslogSamples.nxlogLogoff(4634, "erin", "3", "0x77")).outcome())
                .isEqualTo(RuleOutcome.IGNORED);
        RuleResult unknown = offer(SyslogSamples.nxlogLogoff(4634, "erin", "10", "0x99999"));
        assertThat(unknown.outcome()).isEqualTo(RuleOutcome.REJECTED);
        assertThat(unknown.reason()).isEqualTo("unknown_session");
    }

    @Test
    void snare4624() {
        assertMatched(
                offer(SyslogSamples.snare4624("10.1.3.1", "grace", "EXAMPLE", "3")),
                "windows-4624-snare",
                Operation.LOGON,
                "grace",
                "EXAMPLE",
                "10.1.3.1");
        RuleResult device = offer(SyslogSamples.snare4624("10.1.3.1", "grace", "EXAMPLE", "2"));
        assertThat(device.identity().device()).isEqualTo("PC-042");
    }

    @Test
    void snare4624IgnoresServiceLogonsAndAnonymous() {
        assertThat(offer(SyslogSamples.snare4624("10.1.3.2", "svc", "EXAMPLE", "5"))
                        .outcome())
                .isEqualTo(RuleOutcome.IGNORED);
        RuleResult anonymous = offer(SyslogSamples.snare4624("10.1.3.2", "ANONYMOUS LOGON", "NT AUTHORITY", "3"));
        assertThat(anonymous.outcome()).isEqualTo(RuleOutcome.IGNORED);
        assertThat(anonymous.reason()).isEqualTo("skipped_user");
        assertThat(offer(SyslogSamples.snare4624("10.1.3.2", "FILESRV01$", "EXAMPLE", "3"))
                        .outcome())
                .isEqualTo(RuleOutcome.IGNORED);
    }

    @Test
    void snare4768() {
        assertMatched(
                offer(SyslogSamples.snare4768("10.1.3.3", "heidi", "0x0")),
                "windows-4768-snare",
                Operation.LOGON,
                "heidi",
                "EXAMPLE.COM",
                "10.1.3.3");
        assertThat(offer(SyslogSamples.snare4768("10.1.3.3", "heidi", "0x6")).outcome())
                .isEqualTo(RuleOutcome.IGNORED);
    }

    @Test
    void snareLogoffs() {
        offer(SyslogSamples.snare4624OnTerminalServer("10.1.3.4", "ivan", "0x1C2D3"));
        assertMatched(
                offer(SyslogSamples.snareLogoff(4634, "ivan", "10", "0x1C2D3")),
                "windows-4634-4647-snare",
                Operation.LOGOFF,
                "ivan",
                "EXAMPLE",
                "10.1.3.4");
        offer(SyslogSamples.snare4624OnTerminalServer("10.1.3.5", "judy", "0x1C2D4"));
        assertMatched(
                offer(SyslogSamples.snareLogoff(4647, "judy", null, "0x1C2D4")),
                "windows-4634-4647-snare",
                Operation.LOGOFF,
                "judy",
                "EXAMPLE",
                "10.1.3.5");
        assertThat(offer(SyslogSamples.snareLogoff(4634, "ivan", "3", "0x1C2D3"))
                        .outcome())
                .isEqualTo(RuleOutcome.IGNORED);
    }

    @Test
    void ciscoIse() {
        RuleResult passed = offer(SyslogSamples.isePassed("10.1.4.1", "mallory@example.com"));
        assertMatched(passed, "cisco-ise-passed-authentication", Operation.LOGON, "mallory", "example.com", "10.1.4.1");
        assertThat(passed.identity().timestamp()).isEqualTo(Instant.parse("2024-03-05T10:15:42.123Z"));
        assertMatched(
                offer(SyslogSamples.iseAccountingStop("10.1.4.1", "EXAMPLE\\mallory")),
                "cisco-ise-accounting-stop",
                Operation.LOGOFF,
                "mallory",
                "EXAMPLE",
                "10.1.4.1");
        assertThat(offer(SyslogSamples.isePassed("10.1.4.2", "host/pc-042.example.com"))
                        .outcome())
                .isEqualTo(RuleOutcome.IGNORED);
        assertThat(offer(SyslogSamples.isePassed("10.1.4.2", "AA-BB-CC-DD-EE-FF"))
                        .outcome())
                .isEqualTo(RuleOutcome.IGNORED);
    }

    @Test
    void arubaClearPass() {
        RuleResult session = offer(SyslogSamples.clearPassSession("10.1.5.1", "oscar"));
        assertMatched(session, "aruba-clearpass-session", Operation.LOGON, "oscar", null, "10.1.5.1");
        assertThat(session.identity().timestamp()).isEqualTo(Instant.parse("2024-03-05T10:15:41.987Z"));
        RuleResult stop = offer(SyslogSamples.clearPassAccountingStop("10.1.5.1", "oscar@example.com"));
        assertMatched(stop, "aruba-clearpass-accounting-stop", Operation.LOGOFF, "oscar", "example.com", "10.1.5.1");
        assertThat(stop.identity().timestamp()).isEqualTo(Instant.parse("2024-03-05T18:02:10Z"));
    }

    @Test
    void genericKeyValue() {
        assertMatched(
                offer("user=alice domain=example.com ip=10.1.2.3 action=login"),
                "generic-key-value-login",
                Operation.LOGON,
                "alice",
                "example.com",
                "10.1.2.3");
        assertMatched(
                offer(SyslogSamples.keyValue("10.1.6.1", "EXAMPLE\\peggy", "logout")),
                "generic-key-value-logout",
                Operation.LOGOFF,
                "peggy",
                "example.com",
                "10.1.6.1");
        assertMatched(
                offer(
                        "<13>Mar  5 10:15:42 portal app: action=login ip=\"::ffff:10.1.6.2\" user=\"trent@corp.example\""),
                "generic-key-value-login",
                Operation.LOGON,
                "trent",
                "corp.example",
                "10.1.6.2");
    }

    @Test
    void unrelatedLinesAreUnmatched() {
        assertThat(offer("<13>Mar  5 10:15:42 host sshd[42]: Accepted publickey for root from 10.0.0.1")
                        .outcome())
                .isEqualTo(RuleOutcome.UNMATCHED);
        assertThat(offer("complete garbage \u0001\u0002").outcome()).isEqualTo(RuleOutcome.UNMATCHED);
        assertThat(offer("user=alice action=login").outcome()).isEqualTo(RuleOutcome.UNMATCHED);
    }
}
