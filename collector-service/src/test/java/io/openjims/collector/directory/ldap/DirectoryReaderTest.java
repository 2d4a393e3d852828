package io.openjims.collector.directory.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DirectoryReaderTest {

    @Test
    void objectGuidIsFormattedLikeActiveDirectoryShowsIt() {
        // From Microsoft's documentation of the objectGUID byte layout.
        byte[] bytes = {
            (byte) 0x33, (byte) 0x22, (byte) 0x11, (byte) 0x00, (byte) 0x55, (byte) 0x44, (byte) 0x77, (byte) 0x66,
            (byte) 0x88, (byte) 0x99, (byte) 0xaa, (byte) 0xbb, (byte) 0xcc, (byte) 0xdd, (byte) 0xee, (byte) 0xff
        };
        assertThat(DirectoryReader.adGuid(bytes)).isEqualTo("00112233-4455-6677-8899-aabbccddeeff");
        assertThat(DirectoryReader.adGuid(new byte[3])).isNull();
        assertThat(UUID.fromString(DirectoryReader.adGuid(bytes))).isNotNull();
    }

    @Test
    void ridIsTheLastSubAuthorityOfTheSid() {
        ByteBuffer sid = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        sid.put((byte) 1).put((byte) 5).put(new byte[] {0, 0, 0, 0, 0, 5});
        sid.putInt(21).putInt(1).putInt(2).putInt(3).putInt(513);
        assertThat(DirectoryReader.rid(sid.array())).isEqualTo(513);
        assertThat(DirectoryReader.rid(null)).isNull();
    }

    @Test
    void rangedAttributesTellWhereTheNextRangeStarts() {
        assertThat(DirectoryReader.nextRange(new Attribute("member;range=0-1499", "cn=a")))
                .isEqualTo("1500");
        assertThat(DirectoryReader.nextRange(new Attribute("member;range=1500-*", "cn=a")))
                .isNull();
        assertThat(DirectoryReader.nextRange(new Attribute("member", "cn=a"))).isNull();
    }

    @Test
    void filterValuesAreEscapedPerRfc4515() {
        String dn = "CN=R&D (Berlin)*\\,OU=x";
        Filter transitive = Filter.createExtensibleMatchFilter("memberOf", "1.2.840.113556.1.4.1941", false, dn);
        assertThat(transitive.toString())
                .isEqualTo("(memberOf:1.2.840.113556.1.4.1941:=CN=R&D \\28Berlin\\29\\2a\\5c,OU=x)");
        assertThat(Filter.createGreaterOrEqualFilter("modifyTimestamp", "2026)(uid=*")
                        .toString())
                .isEqualTo("(modifyTimestamp>=2026\\29\\28uid=\\2a)");
    }

    @Test
    void dnsAreComparedInNormalizedForm() {
        assertThat(DirectoryReader.normalize("CN=Alice Anderson, CN=Users,DC=AD,DC=test"))
                .isEqualTo(DirectoryReader.normalize("cn=alice anderson,cn=users,dc=ad,dc=test"));
    }
}
