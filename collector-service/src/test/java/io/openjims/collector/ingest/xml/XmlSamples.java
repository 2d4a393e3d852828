package io.openjims.collector.ingest.xml;

/** Request documents as real senders write them (PacketFence/ClearPass for SRX, pan-os-python for PAN). */
public final class XmlSamples {

    private XmlSamples() {}

    public static String srxEntries(String user1, String ip1, String user2, String ip2) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <userfw-entries>
                  <userfw-entry>
                    <source>Aruba ClearPass</source>
                    <timestamp>2026-11-22T10:00:01Z</timestamp>
                    <operation>logon</operation>
                    <timeout>120</timeout>
                    <IP>%s</IP>
                    <domain>example.com</domain>
                    <user>%s</user>
                    <role-list>
                      <role>contractors</role>
                      <role>wifi-guests</role>
                    </role-list>
                    <posture>Healthy</posture>
                    <end-user-attribute>
                      <device-identity>
                        <value>PC-42</value>
                        <groups>
                          <group>laptops</group>
                        </groups>
                      </device-identity>
                      <device-category>Computer</device-category>
                      <device-os>Windows</device-os>
                      <device-os-version>11</device-os-version>
                    </end-user-attribute>
                  </userfw-entry>
                  <userfw-entry>
                    <source>PacketFence</source>
                    <timestamp>2026-11-22T10:00:02Z</timestamp>
                    <operation>logoff</operation>
                    <IP>%s</IP>
                    <domain>example.com</domain>
                    <user>%s</user>
                  </userfw-entry>
                </userfw-entries>
                """.formatted(ip1, user1, ip2, user2);
    }

    public static String uidMessage(String loginName, String loginIp, String logoutName, String logoutIp) {
        return """
                <uid-message>
                  <version>2.0</version>
                  <type>update</type>
                  <payload>
                    <login>
                      <entry name="%s" ip="%s" timeout="45"/>
                    </login>
                    <logout>
                      <entry name="%s" ip="%s"/>
                    </logout>
                  </payload>
                </uid-message>""".formatted(loginName, loginIp, logoutName, logoutIp);
    }

    /** An XXE attempt: an external entity pointing at a local file. */
    public static String xxe(String root) {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE %s [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <%s><payload><login><entry name="&xxe;" ip="10.0.0.1"/></login></payload></%s>""".formatted(root, root, root);
    }
}
