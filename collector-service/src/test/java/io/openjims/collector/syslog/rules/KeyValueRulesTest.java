package io.openjims.collector.syslog.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written key=value reading must decide and extract exactly like the rules' regexes. */
class KeyValueRulesTest {

    private static final Pattern PATTERN = Pattern.compile(BuiltInRules.kvPattern());
    private static final List<String> GROUPS = List.of("user", "ip", "domain", "device");
    private static final String[] PIECES = {
        "user=",
        "ip=",
        "domain=",
        "device=",
        "action=",
        "xuser=",
        "user",
        "=",
        "\"",
        "'",
        "login",
        "logout",
        "loginx",
        "login_",
        "loginé",
        "alice",
        "EXAMPLE\\bob",
        "10.1.2.3",
        "example.com",
        "PC-1",
        " ",
        "  ",
        ",",
        ";",
        "\t",
        "\n",
        "\r",
        "\u000B",
        "\f",
        "\u0085",
        "\u2028",
        "-",
        "<134>1 2024-03-05T10:15:42Z app01 portal - - - ",
        "é",
        "日本"
    };

    @Test
    void samePatternMatchesAsTheRegex() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            String line = line(random);
            Matcher matcher = PATTERN.matcher(line);
            KeyValueRules.Values values = KeyValueRules.match(line);
            if (matcher.find()) {
                assertThat(values).as("match in [%s]", line).isNotNull();
                for (String group : GROUPS) {
                    assertThat(values.group(group))
                            .as("%s in [%s]", group, line)
                            .isEqualTo(matcher.group(group));
                }
            } else {
                assertThat(values).as("no match in [%s]", line).isNull();
            }
        }
    }

    @Test
    void sameConditionDecisionAsTheRegex() {
        Random random = new Random(11);
        for (String action : List.of("login", "logout")) {
            Pattern condition = Pattern.compile(BuiltInRules.KV_START + "action=\"?" + action + "\\b");
            assertThat(KeyValueRules.conditionAction(condition.pattern())).isEqualTo(action);
            for (int i = 0; i < 200_000; i++) {
                String line = line(random);
                Boolean holds = KeyValueRules.conditionHolds(line, action);
                if (holds != null) {
                    assertThat(holds)
                            .as("[%s]", line)
                            .isEqualTo(condition.matcher(line).find());
                }
            }
        }
        assertThat(KeyValueRules.conditionHolds("user=a action=loginé", "login"))
                .isNull();
    }

    @Test
    void typicalLines() {
        KeyValueRules.Values values =
                KeyValueRules.match("<134>1 - h app - - - user=\"EXAMPLE\\alice\" ip=10.0.0.1;domain=x device=PC");
        assertThat(values).isEqualTo(new KeyValueRules.Values("EXAMPLE\\alice", "10.0.0.1", "x", "PC"));
        assertThat(KeyValueRules.match("xuser=a ip=10.0.0.1")).isNull();
        assertThat(KeyValueRules.match("user=a\nip=10.0.0.1")).isNotNull();
        assertThat(KeyValueRules.match("x user=a\n ip=10.0.0.1")).isNull();
        assertThat(KeyValueRules.conditionHolds("a action=login", "login")).isTrue();
        assertThat(KeyValueRules.conditionHolds("a action=logins", "login")).isFalse();
    }

    private static String line(Random random) {
        StringBuilder line = new StringBuilder();
        int pieces = random.nextInt(14);
        for (int p = 0; p < pieces; p++) {
            line.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return line.toString();
    }
}
