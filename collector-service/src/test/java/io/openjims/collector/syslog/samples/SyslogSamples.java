package io.openjims.collector.syslog.samples;

/**
 * Realistic sample lines per built-in rule, written from the senders' public documentation of their formats (NXLog
 * im_msvistalog fields as JSON, Snare's tab-delimited MSWinEventLog records, Cisco ISE syslog categories, ClearPass
 * syslog export templates). Each sample uses a different IP so tests can find their events on a shared topic; pass
 * the address to use.
 */
public final class SyslogSamples {

    private SyslogSamples() {}

    /** NXLog, to_json() in a BSD syslog line: 4624 network logon (type 3) on a DC. */
    public static String nxlog4624(String ip, String user, String logonType, String logonId) {
        return "<14>Mar  5 10:15:43 DC01.example.com Microsoft-Windows-Security-Auditing[636]: "
                + "{\"EventTime\":\"2024-03-05 10:15:42\",\"Hostname\":\"DC01.example.com\","
                + "\"Keywords\":-9214364837600034816,\"EventType\":\"AUDIT_SUCCESS\",\"SeverityValue\":2,"
                + "\"Severity\":\"INFO\",\"EventID\":4624,\"SourceName\":\"Microsoft-Windows-Security-Auditing\","
                + "\"ProviderGuid\":\"{54849625-5478-4994-A5BA-3E3B0328C30D}\",\"Version\":2,\"Task\":12544,"
                + "\"OpcodeValue\":0,\"RecordNumber\":1234567,\"ProcessID\":636,\"ThreadID\":4012,"
                + "\"Channel\":\"Security\",\"Message\":\"An account was successfully logged on.\\r\\n\\r\\nSubject:"
                + "\\r\\n\\tSecurity ID:\\t\\tS-1-0-0\\r\\n\\tAccount Name:\\t\\t-\\r\\n\\tAccount Domain:\\t\\t-\\r\\n"
                + "\\r\\nLogon Information:\\r\\n\\tLogon Type:\\t\\t" + logonType + "\\r\\n\",\"Category\":\"Logon\","
                + "\"Opcode\":\"Info\",\"SubjectUserSid\":\"S-1-0-0\",\"SubjectUserName\":\"-\","
                + "\"SubjectDomainName\":\"-\",\"SubjectLogonId\":\"0x0\","
                + "\"TargetUserSid\":\"S-1-5-21-3623811015-3361044348-30300820-1105\",\"TargetUserName\":\"" + user
                + "\",\"TargetDomainName\":\"EXAMPLE\",\"TargetLogonId\":\"" + logonId + "\",\"LogonType\":\""
                + logonType + "\",\"LogonProcessName\":\"Kerberos\",\"AuthenticationPackageName\":\"Kerberos\","
                + "\"WorkstationName\":\"-\",\"LogonGuid\":\"{6747BCF0-DBAA-F21C-878B-EB339B03FA80}\","
                + "\"TransmittedServices\":\"-\",\"LmPackageName\":\"-\",\"KeyLength\":\"0\",\"ProcessId\":\"0x0\","
                + "\"ProcessName\":\"-\",\"IpAddress\":\"" + ip + "\",\"IpPort\":\"50123\","
                + "\"ImpersonationLevel\":\"%%1833\",\"EventReceivedTime\":\"2024-03-05 10:15:43\","
                + "\"SourceModuleName\":\"eventlog\",\"SourceModuleType\":\"im_msvistalog\"}";
    }

    public static String nxlog4624(String ip) {
        return nxlog4624(ip, "alice", "3", "0x8f3b2a1");
    }

    /** NXLog JSON in an RFC 5424 line: 4768 Kerberos TGT granted, client address IPv4-mapped IPv6. */
    public static String nxlog4768(String ip, String user, String status) {
        return "<14>1 2024-03-05T10:15:42.512Z DC01.example.com Microsoft-Windows-Security-Auditing 636 - - "
                + "{\"EventTime\":\"2024-03-05 10:15:42\",\"Hostname\":\"DC01.example.com\",\"EventType\":"
                + "\"AUDIT_SUCCESS\",\"EventID\":4768,\"SourceName\":\"Microsoft-Windows-Security-Auditing\","
                + "\"Channel\":\"Security\",\"Category\":\"Kerberos Authentication Service\","
                + "\"TargetUserName\":\"" + user + "\",\"TargetDomainName\":\"EXAMPLE.COM\","
                + "\"TargetSid\":\"S-1-5-21-3623811015-3361044348-30300820-1106\",\"ServiceName\":\"krbtgt\","
                + "\"ServiceSid\":\"S-1-5-21-3623811015-3361044348-30300820-502\",\"TicketOptions\":\"0x40810010\","
                + "\"Status\":\"" + status + "\",\"TicketEncryptionType\":\"0x12\",\"PreAuthType\":\"2\","
                + "\"IpAddress\":\"::ffff:" + ip + "\",\"IpPort\":\"49852\",\"CertIssuerName\":\"\","
                + "\"EventReceivedTime\":\"2024-03-05 10:15:43\",\"SourceModuleName\":\"eventlog\","
                + "\"SourceModuleType\":\"im_msvistalog\"}";
    }

    /** NXLog JSON: 4634 (logoff, with logon type) or 4647 (user initiated logoff). */
    public static String nxlogLogoff(int eventId, String user, String logonType, String logonId) {
        String type = eventId == 4634 ? ",\"LogonType\":\"" + logonType + "\"" : "";
        return "<14>Mar  5 18:02:11 TS01.example.com Microsoft-Windows-Security-Auditing[712]: "
                + "{\"EventTime\":\"2024-03-05 18:02:10\",\"Hostname\":\"TS01.example.com\",\"EventType\":"
                + "\"AUDIT_SUCCESS\",\"EventID\":" + eventId + ",\"SourceName\":"
                + "\"Microsoft-Windows-Security-Auditing\",\"Channel\":\"Security\",\"Category\":\"Logoff\","
                + "\"TargetUserSid\":\"S-1-5-21-3623811015-3361044348-30300820-1105\",\"TargetUserName\":\"" + user
                + "\",\"TargetDomainName\":\"EXAMPLE\",\"TargetLogonId\":\"" + logonId + "\"" + type
                + ",\"EventReceivedTime\":\"2024-03-05 18:02:11\",\"SourceModuleName\":\"eventlog\","
                + "\"SourceModuleType\":\"im_msvistalog\"}";
    }

    /** NXLog JSON from a terminal server: 4624 remote interactive logon (type 10). */
    public static String nxlog4624OnTerminalServer(String ip, String user, String logonId) {
        return nxlog4624(ip, user, "10", logonId).replace("DC01.example.com", "TS01.example.com");
    }

    private static String snare(String host, int eventId, String user, String category, String text) {
        return "<13>Mar  5 10:15:42 " + host + " MSWinEventLog\t1\tSecurity\t123456\tTue Mar 05 10:15:42 2024\t"
                + eventId + "\tMicrosoft-Windows-Security-Auditing\t" + user + "\tN/A\tSuccess Audit\t" + host
                + "\t" + category + "\t\t" + text + "\t98765";
    }

    /** Snare: 4624 with the tab-delimited header; tabs inside the description became spaces. */
    public static String snare4624(String ip, String user, String domain, String logonType) {
        return snare(
                "DC01.example.com",
                4624,
                domain + "\\" + user,
                "Logon",
                "An account was successfully logged on.    Subject:   Security ID:  S-1-0-0   Account Name:  -   "
                        + "Account Domain:  -   Logon ID:  0x0    Logon Information:   Logon Type:  " + logonType
                        + "   Restricted Admin Mode: -   Virtual Account:  No   Elevated Token:  No    "
                        + "Impersonation Level:  Impersonation    New Logon:   Security ID:  "
                        + "S-1-5-21-3623811015-3361044348-30300820-1107   Account Name:  " + user
                        + "   Account Domain:  " + domain + "   Logon ID:  0x8F3B2C4   Linked Logon ID:  0x0   "
                        + "Network Account Name: -   Network Account Domain: -   Logon GUID:  "
                        + "{00000000-0000-0000-0000-000000000000}    Process Information:   Process ID:  0x0   "
                        + "Process Name:  -    Network Information:   Workstation Name: PC-042   "
                        + "Source Network Address: " + ip + "   Source Port:  50123    Detailed Authentication "
                        + "Information:   Logon Process:  NtLmSsp    Authentication Package: NTLM   "
                        + "Transited Services: -   Package Name (NTLM only): NTLM V2   Key Length:  128");
    }

    /** Snare: 4768 TGT requested. */
    public static String snare4768(String ip, String user, String resultCode) {
        return snare(
                "DC01.example.com",
                4768,
                "EXAMPLE.COM\\" + user,
                "Kerberos Authentication Service",
                "A Kerberos authentication ticket (TGT) was requested.    Account Information:   Account Name:  "
                        + user + "   Supplied Realm Name: EXAMPLE.COM   User ID:   EXAMPLE\\" + user
                        + "    Service Information:   Service Name:  krbtgt   Service ID:  EXAMPLE\\krbtgt    "
                        + "Network Information:   Client Address:  ::ffff:" + ip + "   Client Port:  49852    "
                        + "Additional Information:   Ticket Options:  0x40810010   Result Code:  " + resultCode
                        + "   Ticket Encryption Type: 0x12   Pre-Authentication Type: 2");
    }

    /** Snare from a terminal server: 4624 type 10 with logon id. */
    public static String snare4624OnTerminalServer(String ip, String user, String logonId) {
        return snare4624(ip, user, "EXAMPLE", "10")
                .replace("DC01.example.com", "TS01.example.com")
                .replace("0x8F3B2C4", logonId);
    }

    /** Snare: 4634 logoff (with logon type) or 4647 user initiated logoff. */
    public static String snareLogoff(int eventId, String user, String logonType, String logonId) {
        String text = eventId == 4634
                ? "An account was logged off.    Subject:   Security ID:  S-1-5-21-3623811015-3361044348-30300820-1105"
                        + "   Account Name:  " + user + "   Account Domain:  EXAMPLE   Logon ID:  " + logonId
                        + "    Logon Type:   " + logonType + "    This event is generated when a logon session "
                        + "is destroyed."
                : "User initiated logoff:    Subject:   Security ID:  S-1-5-21-3623811015-3361044348-30300820-1105"
                        + "   Account Name:  " + user + "   Account Domain:  EXAMPLE   Logon ID:  " + logonId
                        + "    This event is generated when a logoff is initiated.";
        return snare("TS01.example.com", eventId, "EXAMPLE\\" + user, "Logoff", text);
    }

    /** Cisco ISE: 5200 Authentication succeeded, category CISE_Passed_Authentications. */
    public static String isePassed(String ip, String user) {
        return "<181>Mar  5 10:15:42 ise01 CISE_Passed_Authentications 0000012345 3 0 2024-03-05 10:15:42.123 "
                + "+00:00 0000098765 5200 NOTICE Passed-Authentication: Authentication succeeded, "
                + "ConfigVersionId=118, Device IP Address=10.0.0.2, DestinationIPAddress=10.0.0.10, "
                + "DestinationPort=1812, UserName=" + user + ", Protocol=Radius, RequestLatency=42, "
                + "NetworkDeviceName=access-sw-01, User-Name=" + user + ", NAS-IP-Address=10.0.0.2, "
                + "NAS-Port=50112, Service-Type=Framed, Framed-IP-Address=" + ip + ", Framed-MTU=1500, "
                + "Called-Station-ID=00-11-22-33-44-55, Calling-Station-ID=AA-BB-CC-DD-EE-FF, "
                + "NAS-Port-Type=Ethernet, NAS-Port-Id=GigabitEthernet1/0/12, AcsSessionID=ise01/123456789/1234, "
                + "AuthenticationIdentityStore=AD1, AuthenticationMethod=MSCHAPV2, "
                + "SelectedAccessService=Default Network Access, SelectedAuthorizationProfiles=PermitAccess, "
                + "IdentityGroup=Endpoint Identity Groups:Profiled:Workstation, AD-Domain=example.com, ";
    }

    /** Cisco ISE: 3001 RADIUS Accounting stop request, category CISE_RADIUS_Accounting. */
    public static String iseAccountingStop(String ip, String user) {
        return "<181>Mar  5 18:02:10 ise01 CISE_RADIUS_Accounting 0000012399 2 0 2024-03-05 18:02:10.456 +00:00 "
                + "0000098999 3001 NOTICE Radius-Accounting: RADIUS Accounting stop request, ConfigVersionId=118, "
                + "Device IP Address=10.0.0.2, RequestLatency=3, NetworkDeviceName=access-sw-01, User-Name=" + user
                + ", NAS-IP-Address=10.0.0.2, NAS-Port=50112, Framed-IP-Address=" + ip + ", "
                + "Class=CACS:0a000002000001234:ise01/123456789/1234, Called-Station-ID=00-11-22-33-44-55, "
                + "Calling-Station-ID=AA-BB-CC-DD-EE-FF, Acct-Status-Type=Stop, Acct-Delay-Time=0, "
                + "Acct-Input-Octets=1048576, Acct-Output-Octets=2097152, Acct-Session-Id=00000012, "
                + "Acct-Authentic=RADIUS, Acct-Session-Time=28800, Acct-Terminate-Cause=User Request, "
                + "NAS-Port-Type=Ethernet, NAS-Port-Id=GigabitEthernet1/0/12, ";
    }

    /** Aruba ClearPass: session log export (RADIUS session, Common.* columns), accepted. */
    public static String clearPassSession(String ip, String user) {
        return "<143>2024-03-05 10:15:42,123 10.0.0.20 CPPM_RADIUS_Session 1234567 1 0 "
                + "session_id=R0000a1b2-01-65e6f0be,Common.Username=" + user + ",Common.Service=Corp 802.1X,"
                + "Common.Roles=[Employee], [User Authenticated],Common.NAS-IP-Address=10.0.0.3,"
                + "Common.Request-Timestamp=2024-03-05 10:15:41.987+00,Common.Login-Status=ACCEPT,"
                + "Common.Endpoint-Profile=Windows,Common.Host-MAC-Address=aabbccddeeff,"
                + "Common.Framed-IP-Address=" + ip + ",Common.Auth-Source=AD:dc01.example.com,Common.Error-Code=0,"
                + "RADIUS.Auth-Method=EAP-PEAP,EAP-MSCHAPv2";
    }

    /** Aruba ClearPass: RADIUS accounting export, stop record. */
    public static String clearPassAccountingStop(String ip, String user) {
        return "<143>2024-03-05 18:02:10,456 10.0.0.20 CPPM_RADIUS_Accounting 1234999 1 0 "
                + "RADIUS.Acct-Username=" + user + ",RADIUS.Acct-NAS-IP-Address=10.0.0.3,"
                + "RADIUS.Acct-Framed-IP-Address=" + ip + ",RADIUS.Acct-Session-Id=8O1A2B3C4D5E,"
                + "RADIUS.Acct-Calling-Station-Id=aabbccddeeff,RADIUS.Acct-Timestamp=2024-03-05 18:02:10+00,"
                + "RADIUS.Acct-Status-Type=Stop,RADIUS.Acct-Session-Time=28800";
    }

    /** The generic key=value form, in an RFC 5424 line. */
    public static String keyValue(String ip, String user, String action) {
        return "<134>1 2024-03-05T10:15:42Z app01 portal - - - user=" + user + " domain=example.com ip=" + ip
                + " action=" + action;
    }
}
