package io.openjims.collector.directory.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.collector.directory.ldap.DirectoryKind;
import io.openjims.collector.directory.ldap.DirectoryReader;
import io.openjims.collector.directory.ldap.DirectorySettings;
import io.openjims.collector.directory.ldap.LdapEntry;
import io.openjims.model.DirectoryObjectKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Membership derivation and change detection of the in-memory directory model (pure logic, no server). */
class DirectoryModelTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final DirectorySettings settings = new DirectorySettings(
            UUID.randomUUID(),
            "t",
            DirectoryKind.ACTIVE_DIRECTORY,
            "ldap://x",
            false,
            "cn=a",
            "p",
            "dc=x",
            "x.test",
            "X",
            List.of(),
            30,
            3600,
            List.of(),
            null,
            null,
            1);

    private static LdapEntry group(String name, Integer rid, String... members) {
        String dn = "CN=" + name + ",DC=x";
        return new LdapEntry(
                DirectoryObjectKind.GROUP,
                "g-" + name.toLowerCase(),
                dn,
                DirectoryReader.normalize(dn),
                name,
                null,
                null,
                null,
                null,
                false,
                NOW,
                "1",
                Arrays.stream(members).map(DirectoryReader::normalize).toList(),
                List.of(),
                rid,
                null);
    }

    private static LdapEntry user(String cn, String login, boolean disabled) {
        String dn = "CN=" + cn + ",DC=x";
        return new LdapEntry(
                DirectoryObjectKind.USER,
                "u-" + login,
                dn,
                DirectoryReader.normalize(dn),
                login,
                login,
                login + "@x.test",
                cn,
                null,
                disabled,
                NOW,
                "1",
                List.of(),
                List.of(),
                null,
                513);
    }

    private static String dn(String cn) {
        return "CN=" + cn + ",DC=x";
    }

    private static List<String> names(List<Publication> publications) {
        List<String> names = new ArrayList<>();
        for (Publication p : publications) {
            names.add(p.tombstone() ? "-" + p.key() : p.value().name());
        }
        return names;
    }

    @Test
    void nestedGroupsAndCyclesResolveAndOnlyRealChangesArePublished() {
        DirectoryModel model = new DirectoryModel(settings, Map.of());
        model.upsert(group("Domain Users", 513));
        model.upsert(group("A", 1001, dn("Ann")));
        model.upsert(group("B", 1002, dn("A")));
        model.upsert(group("C", 1003, dn("D"), dn("Cid")));
        model.upsert(group("D", 1004, dn("C")));
        model.upsert(user("Ann", "ann", false));
        model.upsert(user("Cid", "cid", false));
        List<Publication> first = model.resolve(true, NOW);
        model.markPublished(first);
        assertThat(first).hasSize(8);
        assertThat(model.groupsOf("u-ann")).containsExactly("A", "B", "Domain Users");
        assertThat(model.groupsOf("u-cid")).containsExactly("C", "D", "Domain Users");
        assertThat(model.groupsOf("g-c")).containsExactly("D");

        // Same content again: nothing to publish.
        model.upsert(user("Ann", "ann", false));
        assertThat(model.resolve(false, NOW)).isEmpty();

        // Cid joins A: only the group's entry changes, Cid is re-derived and published; A's content is the same.
        model.upsert(group("A", 1001, dn("Ann"), dn("Cid")));
        List<Publication> joined = model.resolve(false, NOW);
        model.markPublished(joined);
        assertThat(names(joined)).containsExactly("cid");
        assertThat(model.groupsOf("u-cid")).containsExactly("A", "B", "C", "D", "Domain Users");

        // B is renamed Bee: everybody below it changes.
        LdapEntry b = group("B", 1002, dn("A"));
        model.upsert(new LdapEntry(
                b.kind(),
                b.guid(),
                b.dn(),
                b.dnNorm(),
                "Bee",
                null,
                null,
                null,
                null,
                false,
                NOW,
                "2",
                b.memberRefs(),
                List.of(),
                1002,
                null));
        List<Publication> renamed = model.resolve(false, NOW);
        model.markPublished(renamed);
        assertThat(names(renamed)).containsExactlyInAnyOrder("Bee", "A", "ann", "cid");

        // A is deleted: its members lose A and Bee; A is tombstoned.
        model.remove("g-a");
        List<Publication> deleted = model.resolve(false, NOW);
        model.markPublished(deleted);
        assertThat(names(deleted)).containsExactlyInAnyOrder("-x.test/group/g-a", "ann", "cid");
        assertThat(model.groupsOf("u-ann")).containsExactly("Domain Users");
    }

    @Test
    void anObjectWhoseTextBreaksTheIdentityRuleIsNotPublishedAndIsCounted() {
        DirectoryModel model = new DirectoryModel(settings, Map.of());
        model.upsert(user("Ann", "ann", false));
        model.upsert(user("Eve\u0000Evil", "eve", false));
        model.upsert(user("Long", "l".repeat(300), false));
        List<Publication> out = model.resolve(true, NOW);
        assertThat(names(out)).contains("ann").doesNotContain("eve");
        assertThat(out).noneMatch(p -> p.value() != null && p.value().name().startsWith("lll"));
        assertThat(model.drainRefused())
                .containsEntry("dn: control_character", 1)
                .containsEntry("guid: too_long", 1);
        assertThat(model.drainRefused()).isEmpty();
    }

    @Test
    void aRenamedMemberKeepsItsGroupsBecauseDirectoriesFollowDnLinks() {
        DirectoryModel model = new DirectoryModel(settings, Map.of());
        model.upsert(group("A", 1001, dn("Ann")));
        model.upsert(user("Ann", "ann", false));
        model.markPublished(model.resolve(true, NOW));

        model.upsert(user("Ann Smith", "ann", false));
        List<Publication> renamed = model.resolve(false, NOW);
        assertThat(names(renamed)).containsExactly("ann");
        assertThat(renamed.get(0).value().dn()).isEqualTo("CN=Ann Smith,DC=x");
        assertThat(model.groupsOf("u-ann")).containsExactly("A");
    }

    @Test
    void aFullSyncTombstonesWhatNoLongerExists() {
        DirectoryModel first = new DirectoryModel(settings, Map.of());
        first.upsert(user("Ann", "ann", false));
        first.upsert(user("Bob", "bob", false));
        List<Publication> published = first.resolve(true, NOW);
        first.markPublished(published);

        DirectoryModel again = new DirectoryModel(settings, first.published());
        again.upsert(user("Ann", "ann", false));
        List<Publication> reconciled = again.resolve(true, NOW);
        assertThat(names(reconciled)).containsExactly("-x.test/user/u-bob");
    }
}
