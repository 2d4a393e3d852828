package io.openjims.collector.directory.sync;

import io.openjims.collector.directory.ldap.DirectoryKind;
import io.openjims.collector.directory.ldap.DirectorySettings;
import io.openjims.collector.directory.ldap.LdapEntry;
import io.openjims.model.DirectoryObject;
import io.openjims.model.DirectoryObjectKind;
import io.openjims.model.IdentityText;
import io.openjims.model.Topics;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The in-memory picture of one directory: every entry, the group graph and what was last published. Changes are
 * applied entry by entry ({@link #upsert}, {@link #remove}); {@link #resolve} then re-derives the direct and nested
 * membership of every object a change can reach and returns only the objects whose content really changed.
 *
 * <p>Membership is derived from the groups' member lists (plus the Active Directory primary group), so a change of a
 * group re-derives its old and new members even though their own entries did not change. Nested membership is a
 * breadth-first walk with a visited set, so cycles terminate.
 */
public final class DirectoryModel {

    private static final Comparator<String> NAME_ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    static final class Node {
        LdapEntry entry;
        Set<Node> parents = new HashSet<>();
        final Set<Node> children = new HashSet<>();

        boolean isGroup() {
            return entry.kind() == DirectoryObjectKind.GROUP;
        }
    }

    private final DirectorySettings settings;
    private final boolean primaryGroups;
    private final Map<String, Node> byIdentity = new HashMap<>();
    private final Map<String, Node> byDn = new HashMap<>();
    private final Map<String, Node> byLogin = new HashMap<>();
    private final Map<Integer, Node> groupsByRid = new HashMap<>();
    private final Map<Integer, Set<Node>> byPrimaryRid = new HashMap<>();
    /** Member reference (normalized DN, or "uid:" + login) -> groups that list it. */
    private final Map<String, Set<Node>> refIndex = new HashMap<>();

    private final Map<String, String> published;
    /** Entries per kind (indexed by ordinal), kept up to date by upsert and remove. */
    private final int[] counts = new int[DirectoryObjectKind.values().length];

    private final Set<Node> pending = new LinkedHashSet<>();
    private final Set<Node> entryChanged = new HashSet<>();
    private final Set<String> removedKeys = new LinkedHashSet<>();
    /** Objects not published since the last {@link #drainRefused()} because their text breaks {@link IdentityText}. */
    private final Map<String, Integer> refused = new HashMap<>();

    private String highWaterMark;
    private String serverId;
    private Instant lastFullSync;
    private boolean tombstonesUnavailable;

    public DirectoryModel(DirectorySettings settings, Map<String, String> published) {
        this.settings = settings;
        this.primaryGroups = settings.kind() == DirectoryKind.ACTIVE_DIRECTORY;
        this.published = new HashMap<>(published);
    }

    public DirectorySettings settings() {
        return settings;
    }

    static String identity(LdapEntry e) {
        return e.guid() != null ? e.guid() : "dn:" + e.dnNorm();
    }

    private String recordKey(LdapEntry e) {
        return Topics.directoryKey(settings.domain(), e.kind(), e.guid() != null ? e.guid() : e.dn());
    }

    public String domainKey() {
        return Topics.directoryKey(settings.domain(), DirectoryObjectKind.DOMAIN, settings.domain());
    }

    /** Adds or replaces an entry. */
    public void upsert(LdapEntry e) {
        String id = identity(e);
        Node node = byIdentity.get(id);
        if (node == null) {
            node = new Node();
            byIdentity.put(id, node);
            counts[e.kind().ordinal()]++;
        } else {
            LdapEntry old = node.entry;
            counts[old.kind().ordinal()]--;
            counts[e.kind().ordinal()]++;
            if (!old.dnNorm().equals(e.dnNorm())) {
                byDn.remove(old.dnNorm(), node);
                // Directories keep DN-valued member links pointing at a renamed or moved entry.
                Set<Node> listing = refIndex.remove(old.dnNorm());
                if (listing != null) {
                    refIndex.computeIfAbsent(e.dnNorm(), k -> new HashSet<>()).addAll(listing);
                }
            }
            if (old.login() != null) {
                byLogin.remove(old.login(), node);
            }
            if (old.primaryGroupRid() != null) {
                Set<Node> set = byPrimaryRid.get(old.primaryGroupRid());
                if (set != null) {
                    set.remove(node);
                }
            }
            if (old.kind() == DirectoryObjectKind.GROUP) {
                unindexGroup(node, old);
            }
            String oldKey = recordKey(old);
            if (!oldKey.equals(recordKey(e))) {
                removedKeys.add(oldKey);
            }
        }
        node.entry = e;
        byDn.put(e.dnNorm(), node);
        if (e.login() != null && e.kind() == DirectoryObjectKind.USER) {
            byLogin.put(e.login(), node);
        }
        if (primaryGroups && e.primaryGroupRid() != null) {
            byPrimaryRid
                    .computeIfAbsent(e.primaryGroupRid(), k -> new HashSet<>())
                    .add(node);
        }
        if (e.kind() == DirectoryObjectKind.GROUP) {
            indexGroup(node, e);
        }
        pending.add(node);
        entryChanged.add(node);
    }

    /** Removes the entry with this identity (objectGUID / entryUUID, lower case), if known. */
    public boolean remove(String identity) {
        Node node = byIdentity.remove(identity);
        if (node == null) {
            return false;
        }
        LdapEntry e = node.entry;
        counts[e.kind().ordinal()]--;
        byDn.remove(e.dnNorm(), node);
        if (e.login() != null) {
            byLogin.remove(e.login(), node);
        }
        if (e.primaryGroupRid() != null) {
            Set<Node> set = byPrimaryRid.get(e.primaryGroupRid());
            if (set != null) {
                set.remove(node);
            }
        }
        if (e.kind() == DirectoryObjectKind.GROUP) {
            unindexGroup(node, e);
        }
        for (Node child : node.children) {
            child.parents.remove(node);
            pending.add(child);
        }
        node.children.clear();
        for (Node parent : node.parents) {
            parent.children.remove(node);
        }
        pending.remove(node);
        entryChanged.remove(node);
        removedKeys.add(recordKey(e));
        return true;
    }

    /** Identity (lower-case GUID) of an entry known by DN, for callers that learn of deletions by DN. */
    public String identityOfDn(String dnNorm) {
        Node node = byDn.get(dnNorm);
        return node == null ? null : identity(node.entry);
    }

    public Set<String> identities() {
        return new HashSet<>(byIdentity.keySet());
    }

    private void indexGroup(Node group, LdapEntry e) {
        for (String ref : refs(e)) {
            refIndex.computeIfAbsent(ref, k -> new HashSet<>()).add(group);
            markRef(ref);
        }
        if (primaryGroups && e.rid() != null) {
            groupsByRid.put(e.rid(), group);
            pending.addAll(byPrimaryRid.getOrDefault(e.rid(), Set.of()));
        }
    }

    private void unindexGroup(Node group, LdapEntry old) {
        for (String ref : refs(old)) {
            Set<Node> set = refIndex.get(ref);
            if (set != null) {
                set.remove(group);
                if (set.isEmpty()) {
                    refIndex.remove(ref);
                }
            }
            markRef(ref);
        }
        if (old.rid() != null) {
            groupsByRid.remove(old.rid(), group);
            pending.addAll(byPrimaryRid.getOrDefault(old.rid(), Set.of()));
        }
        // Members that are no longer listed lose this group when their parents are re-derived.
        pending.addAll(group.children);
    }

    private static List<String> refs(LdapEntry e) {
        if (e.memberUids().isEmpty()) {
            return e.memberRefs();
        }
        List<String> all = new ArrayList<>(e.memberRefs());
        for (String uid : e.memberUids()) {
            all.add("uid:" + uid);
        }
        return all;
    }

    private void markRef(String ref) {
        Node node = ref.startsWith("uid:") ? byLogin.get(ref.substring(4)) : byDn.get(ref);
        if (node != null) {
            pending.add(node);
        }
    }

    private void recomputeParents(Node node) {
        LdapEntry e = node.entry;
        Set<Node> parents = new HashSet<>(refIndex.getOrDefault(e.dnNorm(), Set.of()));
        if (e.login() != null && e.kind() == DirectoryObjectKind.USER) {
            parents.addAll(refIndex.getOrDefault("uid:" + e.login(), Set.of()));
        }
        if (primaryGroups && e.primaryGroupRid() != null) {
            Node primary = groupsByRid.get(e.primaryGroupRid());
            if (primary != null) {
                parents.add(primary);
            }
        }
        parents.remove(node);
        if (parents.equals(node.parents)) {
            return;
        }
        for (Node old : node.parents) {
            if (!parents.contains(old)) {
                old.children.remove(node);
            }
        }
        for (Node added : parents) {
            added.children.add(node);
        }
        node.parents = parents;
    }

    /**
     * Re-derives membership of everything the changes since the last call can reach and returns what must be
     * published: new or changed objects and tombstones. With {@code full}, every published key that no longer exists
     * is tombstoned (reconciliation).
     */
    public List<Publication> resolve(boolean full, Instant now) {
        List<Node> work = new ArrayList<>();
        for (Node node : pending) {
            if (byIdentity.get(identity(node.entry)) == node) {
                recomputeParents(node);
                work.add(node);
            }
        }
        Set<Node> dirty = new LinkedHashSet<>(work);
        ArrayDeque<Node> queue = new ArrayDeque<>();
        for (Node node : work) {
            if (node.isGroup()) {
                queue.add(node);
            }
        }
        while (!queue.isEmpty()) {
            for (Node child : queue.poll().children) {
                if (dirty.add(child) && child.isGroup()) {
                    queue.add(child);
                }
            }
        }
        List<Publication> out = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Node node : dirty) {
            DirectoryObject object = toObject(node, entryChanged.contains(node), now);
            String key = object.key();
            present.add(key);
            addIfChanged(out, key, object);
        }
        DirectoryObject domain = domainObject(now);
        addIfChanged(out, domain.key(), domain);
        if (full) {
            present.add(domain.key());
            for (Map.Entry<String, String> entry : published.entrySet()) {
                if (!present.contains(entry.getKey())) {
                    out.add(new Publication(entry.getKey(), kindOfKey(entry.getKey()), null, null));
                }
            }
        } else {
            for (String key : removedKeys) {
                if (published.containsKey(key) && !present.contains(key)) {
                    out.add(new Publication(key, kindOfKey(key), null, null));
                }
            }
        }
        pending.clear();
        entryChanged.clear();
        removedKeys.clear();
        return out;
    }

    private void addIfChanged(List<Publication> out, String key, DirectoryObject object) {
        IdentityText.Problem problem = IdentityText.problem(object);
        if (problem != null) {
            refused.merge(problem.toString(), 1, Integer::sum);
            return;
        }
        String fingerprint = Fingerprints.of(object);
        if (!fingerprint.equals(published.get(key))) {
            DirectoryObject withId = new DirectoryObject(
                    Fingerprints.versionId(key, fingerprint),
                    object.schema(),
                    object.kind(),
                    object.domain(),
                    object.guid(),
                    object.dn(),
                    object.name(),
                    object.upn(),
                    object.displayName(),
                    object.memberOf(),
                    object.groups(),
                    object.aliases(),
                    object.os(),
                    object.disabled(),
                    object.changedAt(),
                    object.changeMarker());
            out.add(new Publication(key, object.kind(), withId, fingerprint));
        }
    }

    private DirectoryObject toObject(Node node, boolean entryChanged, Instant now) {
        LdapEntry e = node.entry;
        List<String> memberOf = new ArrayList<>(node.parents.size());
        for (Node parent : node.parents) {
            memberOf.add(parent.entry.dn());
        }
        List<String> groups = new ArrayList<>();
        if (!node.parents.isEmpty()) {
            Set<Node> visited = new HashSet<>();
            ArrayDeque<Node> queue = new ArrayDeque<>(node.parents);
            while (!queue.isEmpty()) {
                Node group = queue.poll();
                if (group == node || !visited.add(group)) {
                    continue;
                }
                groups.add(group.entry.name());
                queue.addAll(group.parents);
            }
        }
        Instant changedAt = entryChanged && e.changedAt() != null ? e.changedAt() : now;
        return new DirectoryObject(
                null,
                DirectoryObject.SCHEMA_VERSION,
                e.kind(),
                settings.domain(),
                e.guid(),
                e.dn(),
                e.name(),
                e.upn(),
                e.displayName(),
                sortedDistinct(memberOf),
                sortedDistinct(groups),
                null,
                e.os(),
                e.disabled(),
                changedAt,
                e.changeMarker());
    }

    /** The values in {@link #NAME_ORDER}, duplicates dropped, as an unmodifiable list. */
    private static List<String> sortedDistinct(List<String> values) {
        if (values.size() > 1) {
            values.sort(NAME_ORDER);
            int kept = 1;
            for (int i = 1; i < values.size(); i++) {
                if (!values.get(i).equals(values.get(kept - 1))) {
                    values.set(kept++, values.get(i));
                }
            }
            values.subList(kept, values.size()).clear();
        }
        return List.copyOf(values);
    }

    private DirectoryObject domainObject(Instant now) {
        Set<String> aliases = new TreeSet<>(NAME_ORDER);
        if (settings.netbiosName() != null && !settings.netbiosName().isBlank()) {
            aliases.add(settings.netbiosName());
        }
        for (String suffix : settings.upnSuffixes()) {
            if (!suffix.equalsIgnoreCase(settings.domain())) {
                aliases.add(suffix);
            }
        }
        return new DirectoryObject(
                null,
                DirectoryObject.SCHEMA_VERSION,
                DirectoryObjectKind.DOMAIN,
                settings.domain(),
                settings.domain(),
                settings.baseDn(),
                settings.domain(),
                null,
                settings.netbiosName(),
                null,
                null,
                List.copyOf(aliases),
                null,
                false,
                now,
                null);
    }

    private static DirectoryObjectKind kindOfKey(String key) {
        int first = key.indexOf('/');
        int second = key.indexOf('/', first + 1);
        return DirectoryObjectKind.fromWireName(key.substring(first + 1, second));
    }

    /** Records what Kafka acknowledged; call only after the publications were sent and stored. */
    public void markPublished(List<Publication> publications) {
        for (Publication p : publications) {
            if (p.tombstone()) {
                published.remove(p.key());
            } else {
                published.put(p.key(), p.fingerprint());
            }
        }
    }

    public Map<String, String> published() {
        return published;
    }

    /** Objects refused since the last call, by {@code field: reason}; clears the tally. */
    public Map<String, Integer> drainRefused() {
        Map<String, Integer> out = Map.copyOf(refused);
        refused.clear();
        return out;
    }

    public int count(DirectoryObjectKind kind) {
        return counts[kind.ordinal()];
    }

    /** Direct and nested group names of the entry with this identity (for tests and diagnostics). */
    public List<String> groupsOf(String identity) {
        Node node = byIdentity.get(identity);
        return node == null ? List.of() : toObject(node, false, Instant.EPOCH).groups();
    }

    public String highWaterMark() {
        return highWaterMark;
    }

    public void highWaterMark(String mark) {
        this.highWaterMark = mark;
    }

    public String serverId() {
        return serverId;
    }

    public void serverId(String id) {
        this.serverId = id;
    }

    public Instant lastFullSync() {
        return lastFullSync;
    }

    public void lastFullSync(Instant at) {
        this.lastFullSync = at;
    }

    public boolean tombstonesUnavailable() {
        return tombstonesUnavailable;
    }

    public void tombstonesUnavailable(boolean value) {
        this.tombstonesUnavailable = value;
    }

    public boolean sameConfig(DirectorySettings other) {
        return settings.configVersion() == other.configVersion() && Objects.equals(settings.id(), other.id());
    }
}
