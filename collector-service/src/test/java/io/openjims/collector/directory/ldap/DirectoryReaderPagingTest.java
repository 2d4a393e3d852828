package io.openjims.collector.directory.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import io.openjims.collector.directory.AdLikeDirectory;
import io.openjims.model.DirectoryObjectKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The combined Active Directory search, read in pages of two entries from a real (in-memory) LDAP server. */
class DirectoryReaderPagingTest {

    @Test
    void oneSearchReadsEveryKindAcrossPagesAndClassifiesByObjectClass() throws Exception {
        try (AdLikeDirectory ad = AdLikeDirectory.start()) {
            String alice = ad.addUser("Alice Anderson", "alice");
            ad.addUser("Bob Brown", "bob");
            ad.addUser("Carol Clark", "carol");
            String staff = ad.addGroup("staff", 1101);
            ad.addGroup("admins", 1102);
            ad.addComputer("WS01", "Windows 11");
            ad.addMember(staff, alice);
            DirectorySettings settings = new DirectorySettings(
                    UUID.randomUUID(),
                    "paging",
                    DirectoryKind.ACTIVE_DIRECTORY,
                    ad.ldapUrl(),
                    false,
                    AdLikeDirectory.BIND_DN,
                    AdLikeDirectory.BIND_PASSWORD,
                    AdLikeDirectory.BASE,
                    "ad.test",
                    "AD",
                    List.of(),
                    30,
                    3600,
                    List.of("^CN=Bob Brown,"),
                    null,
                    null,
                    1);
            List<LdapEntry> read = new ArrayList<>();
            try (LDAPConnection connection =
                    new LdapConnector(Duration.ofSeconds(5), Duration.ofSeconds(30)).connect(settings)) {
                DirectoryReader reader = new DirectoryReader(connection, settings, 2);
                assertThat(reader.combinesKinds()).isTrue();
                reader.readAll(null, read::add);
            }
            assertThat(read)
                    .extracting(LdapEntry::name, LdapEntry::kind)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("alice", DirectoryObjectKind.USER),
                            org.assertj.core.groups.Tuple.tuple("carol", DirectoryObjectKind.USER),
                            org.assertj.core.groups.Tuple.tuple("staff", DirectoryObjectKind.GROUP),
                            org.assertj.core.groups.Tuple.tuple("admins", DirectoryObjectKind.GROUP),
                            org.assertj.core.groups.Tuple.tuple("WS01", DirectoryObjectKind.DEVICE));
            LdapEntry staffEntry = read.stream()
                    .filter(e -> e.name().equals("staff"))
                    .findFirst()
                    .orElseThrow();
            LdapEntry aliceEntry = read.stream()
                    .filter(e -> e.name().equals("alice"))
                    .findFirst()
                    .orElseThrow();
            assertThat(staffEntry.memberRefs()).containsExactly(aliceEntry.dnNorm());
            // The member reference and the entry's own normalized DN are one String (parsed once per poll).
            assertThat(staffEntry.memberRefs().get(0)).isSameAs(aliceEntry.dnNorm());
        }
    }
}
