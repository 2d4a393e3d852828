package io.openjims.collector.syslog.rules;

import io.openjims.model.Operation;
import java.util.List;

/**
 * The rules every collector starts with. They are seeded into the database once (admins may then change, disable or
 * delete them); an unmodified built-in rule follows this code on upgrades.
 *
 * <p>Windows Security events: 4624 (logon) keeps logon types 2 interactive, 3 network, 7 unlock, 10 remote
 * interactive and 11 cached interactive; batch (4), service (5), network cleartext (8), new credentials (9) and the
 * system (0) logon types are ignored. Machine accounts (ending in {@code $}), {@code ANONYMOUS LOGON}, the built-in
 * service identities and Window Manager / font driver virtual accounts are ignored. 4768 (Kerberos TGT) counts only
 * when granted (result 0x0). 4634 / 4647 (logoff) count only for interactive logon types 2, 10 and 11: network
 * logoffs follow every network logon within seconds and would end the session at once. They carry no address; the
 * address of the logon with the same logon id on the same host is used (see {@link SessionTracker}).
 *
 * <p>Times without zone (Windows local event times, BSD syslog headers) are not used: such events carry the receive
 * time.
 */
public final class BuiltInRules {

    /** Users that are no person: machine accounts, anonymous and service identities, virtual accounts. */
    static final String WINDOWS_SKIP_USERS =
            ".*\\$|ANONYMOUS LOGON|SYSTEM|LOCAL SERVICE|NETWORK SERVICE|DWM-\\d+|UMFD-\\d+|Font Driver Host\\\\.*|"
                    + "Window Manager\\\\.*";
    /** 802.1X machine authentication ({@code host/pc.example.com}) and MAC authentication bypass (a MAC as user). */
    static final String NAC_SKIP_USERS =
            "host/.*|[0-9A-Fa-f]{2}(?:[-:.]?[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}";

    private static final String SNARE_SECURITY = "MSWinEventLog\\t\\d+\\tSecurity\\t\\d+\\t[^\\t]+\\t";

    private BuiltInRules() {}

    public static List<RuleDefinition> all() {
        return List.of(
                rule(
                        "windows-4624-nxlog",
                        Operation.LOGON,
                        ConditionType.REGEX,
                        "\"EventID\":\\s*\"?4624\\b",
                        "^(?=.*?\"TargetUserName\":\"(?<user>[^\"]*)\")"
                                + "(?=.*?\"TargetDomainName\":\"(?<domain>[^\"]*)\")"
                                + "(?=.*?\"IpAddress\":\"(?<ip>[^\"]*)\")"
                                + "(?:(?=.*?\"TargetLogonId\":\"(?<session>[^\"]*)\"))?"
                                + "(?:(?=.*?\"WorkstationName\":\"(?<device>[^\"]*)\"))?",
                        "\"LogonType\":\"(?!(?:2|3|7|10|11)\")",
                        WINDOWS_SKIP_USERS,
                        1000),
                rule(
                        "windows-4624-snare",
                        Operation.LOGON,
                        ConditionType.REGEX,
                        SNARE_SECURITY + "4624\\t",
                        "\\t4624\\t.*?Logon Type:\\s+\\d+.*?New Logon:.*?Account Name:\\s+(?<user>[^\\t]+?)\\s+"
                                + "Account Domain:\\s+(?<domain>[^\\t]+?)\\s+Logon ID:\\s+(?<session>0x[0-9A-Fa-f]+)"
                                + ".*?Workstation Name:\\s*(?<device>[^\\t]*?)\\s+Source Network Address:\\s*(?<ip>\\S+)",
                        "Logon Type:\\s+(?!(?:2|3|7|10|11)\\b)\\d+",
                        WINDOWS_SKIP_USERS,
                        1010),
                rule(
                        "windows-4768-nxlog",
                        Operation.LOGON,
                        ConditionType.REGEX,
                        "\"EventID\":\\s*\"?4768\\b",
                        "^(?=.*?\"TargetUserName\":\"(?<user>[^\"]*)\")"
                                + "(?=.*?\"TargetDomainName\":\"(?<domain>[^\"]*)\")"
                                + "(?=.*?\"IpAddress\":\"(?<ip>[^\"]*)\")",
                        "\"Status\":\"(?!0x0\")",
                        WINDOWS_SKIP_USERS,
                        1020),
                rule(
                        "windows-4768-snare",
                        Operation.LOGON,
                        ConditionType.REGEX,
                        SNARE_SECURITY + "4768\\t",
                        "\\t4768\\t.*?Account Name:\\s+(?<user>[^\\t]+?)\\s+Supplied Realm Name:\\s+"
                                + "(?<domain>[^\\t]+?)\\s+User ID:.*?Client Address:\\s+(?<ip>\\S+)",
                        "Result Code:\\s+(?!0x0\\b)\\S+",
                        WINDOWS_SKIP_USERS,
                        1030),
                rule(
                        "windows-4634-4647-nxlog",
                        Operation.LOGOFF,
                        ConditionType.REGEX,
                        "\"EventID\":\\s*\"?46(?:34|47)\\b",
                        "^(?=.*?\"TargetUserName\":\"(?<user>[^\"]*)\")"
                                + "(?=.*?\"TargetDomainName\":\"(?<domain>[^\"]*)\")"
                                + "(?=.*?\"TargetLogonId\":\"(?<session>[^\"]*)\")",
                        "\"LogonType\":\"(?!(?:2|10|11)\")",
                        WINDOWS_SKIP_USERS,
                        1040),
                rule(
                        "windows-4634-4647-snare",
                        Operation.LOGOFF,
                        ConditionType.REGEX,
                        SNARE_SECURITY + "46(?:34|47)\\t",
                        "\\t46(?:34|47)\\t.*?Subject:.*?Account Name:\\s+(?<user>[^\\t]+?)\\s+"
                                + "Account Domain:\\s+(?<domain>[^\\t]+?)\\s+Logon ID:\\s+(?<session>0x[0-9A-Fa-f]+)",
                        "Logon Type:\\s+(?!(?:2|10|11)\\b)\\d+",
                        WINDOWS_SKIP_USERS,
                        1050),
                rule(
                        "cisco-ise-passed-authentication",
                        Operation.LOGON,
                        ConditionType.REGEX,
                        "CISE_Passed_Authentications .*Passed-Authentication: Authentication succeeded",
                        "^(?=.*?[ ,](?:UserName|User-Name)=(?<user>[^,]+))"
                                + "(?=.*?[ ,]Framed-IP-Address=(?<ip>[^,]+))"
                                + ISE_TIME,
                        null,
                        NAC_SKIP_USERS,
                        1100),
                rule(
                        "cisco-ise-accounting-start",
                        Operation.LOGON,
                        ConditionType.REGEX,
                        "CISE_RADIUS_Accounting .*[ ,]Acct-Status-Type=Start\\b",
                        "^(?=.*?[ ,]User-Name=(?<user>[^,]+))(?=.*?[ ,]Framed-IP-Address=(?<ip>[^,]+))" + ISE_TIME,
                        null,
                        NAC_SKIP_USERS,
                        1110),
                rule(
                        "cisco-ise-accounting-stop",
                        Operation.LOGOFF,
                        ConditionType.REGEX,
                        "CISE_RADIUS_Accounting .*[ ,]Acct-Status-Type=Stop\\b",
                        "^(?=.*?[ ,]User-Name=(?<user>[^,]+))(?=.*?[ ,]Framed-IP-Address=(?<ip>[^,]+))" + ISE_TIME,
                        null,
                        NAC_SKIP_USERS,
                        1120),
                rule(
                        "aruba-clearpass-session",
                        Operation.LOGON,
                        ConditionType.REGEX,
                        "[ ,]Common\\.Login-Status=ACCEPT\\b",
                        "^(?=.*?[ ,]Common\\.Username=(?<user>[^,]+))"
                                + "(?=.*?[ ,]Common\\.Framed-IP-Address=(?<ip>[^,]+))"
                                + "(?:(?=.*?[ ,]Common\\.Request-Timestamp=(?<timestamp>[^,]+)))?",
                        null,
                        NAC_SKIP_USERS,
                        1200),
                rule(
                        "aruba-clearpass-accounting-stop",
                        Operation.LOGOFF,
                        ConditionType.REGEX,
                        "[ ,]RADIUS\\.Acct-Status-Type=Stop\\b",
                        "^(?=.*?[ ,]RADIUS\\.Acct-Username=(?<user>[^,]+))"
                                + "(?=.*?[ ,]RADIUS\\.Acct-Framed-IP-Address=(?<ip>[^,]+))"
                                + "(?:(?=.*?[ ,]RADIUS\\.Acct-Timestamp=(?<timestamp>[^,]+)))?",
                        null,
                        NAC_SKIP_USERS,
                        1210),
                rule(
                        "generic-key-value-login",
                        Operation.LOGON,
                        ConditionType.REGEX,
                        KV_START + "action=\"?login\\b",
                        kvPattern(),
                        null,
                        null,
                        1900),
                rule(
                        "generic-key-value-logout",
                        Operation.LOGOFF,
                        ConditionType.REGEX,
                        KV_START + "action=\"?logout\\b",
                        kvPattern(),
                        null,
                        null,
                        1910));
    }

    /** ISE's own time after the segment numbers: {@code CISE_x 0000012345 2 0 2024-03-05 10:15:42.123 +00:00}. */
    private static final String ISE_TIME = "(?:(?=.*?CISE_\\w+ \\d+ \\d+ \\d+ "
            + "(?<timestamp>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)? [+-]\\d\\d:?\\d\\d) ))?";

    static final String KV_START = "(?:^|[\\s,;])";

    /** The generic key=value rules' pattern (read without a regex by {@link KeyValueRules}). */
    static String kvPattern() {
        String value = "=\"?(?<%s>[^\"\\s,;]+)";
        return "^(?=.*?" + KV_START + "user" + value.formatted("user") + ")"
                + "(?=.*?" + KV_START + "ip" + value.formatted("ip") + ")"
                + "(?:(?=.*?" + KV_START + "domain" + value.formatted("domain") + "))?"
                + "(?:(?=.*?" + KV_START + "device" + value.formatted("device") + "))?";
    }

    private static RuleDefinition rule(
            String name,
            Operation operation,
            ConditionType conditionType,
            String condition,
            String pattern,
            String exclude,
            String skipUsers,
            int position) {
        return new RuleDefinition(
                name, operation, conditionType, condition, pattern, exclude, skipUsers, position, true);
    }
}
