package io.openjims.query.directory.repository;

import io.openjims.model.DirectoryObject;
import io.openjims.model.DirectoryObjectKind;
import io.openjims.query.view.model.AliasOwner;
import io.openjims.query.view.model.UserKey;
import io.openjims.query.view.repository.Jdbc;
import io.openjims.query.view.repository.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Directory objects and domain aliases in {@code query.directory_object} / {@code query.domain_alias}. */
@ApplicationScoped
public class DirectoryJdbcRepository implements UserDirectory {

    /** Kind, domain and lower-case name of a stored object, to know whose sessions a change touches. */
    public record StoredObject(String kind, String domain, String nameLc) {}

    /**
     * The directory groups (lower-case names) of each user: the object's resolved {@code groups} when the producer
     * sent them, otherwise nested membership resolved here from {@code member_of} of the user and its groups
     * (cycles are harmless: the recursive UNION stops at rows it has seen). Only groups of the user's own domain
     * count, so two directories with the same group DNs never lend each other members. Users not in the directory are
     * absent.
     */
    @Override
    public Map<UserKey, List<String>> groupsOf(Connection c, Collection<UserKey> users) throws SQLException {
        Map<UserKey, List<String>> result = new HashMap<>();
        if (users.isEmpty()) {
            return result;
        }
        List<String> domains = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (UserKey u : users) {
            if (u.domain() != null) {
                domains.add(u.domain());
                names.add(u.userLc());
            }
        }
        if (domains.isEmpty()) {
            return result;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE k(domain, name_lc) AS (SELECT * FROM unnest(?::text[], ?::text[])),
                u AS (SELECT DISTINCT ON (d.domain, d.name_lc) d.domain, d.name_lc, d.groups, d.member_of_lc
                      FROM query.directory_object d JOIN k ON d.domain = k.domain AND d.name_lc = k.name_lc
                      WHERE d.kind = 'user' ORDER BY d.domain, d.name_lc, d.changed_at DESC NULLS LAST),
                m(domain, name_lc, dn) AS (
                    SELECT u.domain, u.name_lc, x FROM u CROSS JOIN LATERAL unnest(u.member_of_lc) x
                    WHERE u.groups IS NULL
                    UNION
                    SELECT m.domain, m.name_lc, y FROM m
                    JOIN query.directory_object g ON g.dn_lc = m.dn AND g.kind = 'group' AND g.domain = m.domain
                    CROSS JOIN LATERAL unnest(g.member_of_lc) y)
                SELECT u.domain, u.name_lc, u.groups,
                    (SELECT array_agg(DISTINCT lower(g.name)) FROM m
                     JOIN query.directory_object g ON g.dn_lc = m.dn AND g.kind = 'group' AND g.domain = m.domain
                     WHERE m.domain = u.domain AND m.name_lc = u.name_lc AND g.name IS NOT NULL) AS resolved
                FROM u
                """)) {
            ps.setArray(1, Jdbc.textArray(c, domains));
            ps.setArray(2, Jdbc.textArray(c, names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> groups = Jdbc.strings(rs, "groups");
                    if (groups == null) {
                        groups = Jdbc.strings(rs, "resolved");
                    }
                    List<String> lower = new ArrayList<>();
                    if (groups != null) {
                        for (String g : groups) {
                            if (g != null) {
                                lower.add(g.toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                    result.put(new UserKey(rs.getString("domain"), rs.getString("name_lc")), lower);
                }
            }
        }
        return result;
    }

    /**
     * Who claims each of the lower-case domain names producers wrote (NetBIOS, UPN suffix): every DNS domain with
     * its site; names nobody claims are absent. {@code EventNormalizer.dnsDomain} chooses for one event.
     */
    @Override
    public Map<String, List<AliasOwner>> resolveAliases(Connection c, Collection<String> namesLc) throws SQLException {
        Map<String, List<AliasOwner>> result = new HashMap<>();
        if (namesLc.isEmpty()) {
            return result;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT alias, domain, site FROM query.domain_alias WHERE alias = ANY(?) ORDER BY alias, domain")) {
            ps.setArray(1, Jdbc.textArray(c, namesLc));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new AliasOwner(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return result;
    }

    /** Every stored object key. */
    public Set<String> keys(Connection c) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT object_key FROM query.directory_object");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /** Removes an object; returns what it was, if it was stored. */
    public Optional<StoredObject> delete(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM query.directory_object WHERE object_key = ? RETURNING kind, domain, name_lc")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(new StoredObject(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
                return Optional.empty();
            }
        }
    }

    /** Stores an object; returns what was stored under its key before, if anything. */
    public Optional<StoredObject> upsert(Connection c, String key, DirectoryObject o) throws SQLException {
        Optional<StoredObject> before;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, domain, name_lc FROM query.directory_object WHERE object_key = ? FOR UPDATE")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                before = rs.next()
                        ? Optional.of(new StoredObject(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO query.directory_object (object_key, domain, kind, guid, dn_lc, name, name_lc, upn_lc,
                    display_name, member_of_lc, groups, aliases, os, disabled, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (object_key) DO UPDATE SET domain = EXCLUDED.domain, kind = EXCLUDED.kind,
                    guid = EXCLUDED.guid, dn_lc = EXCLUDED.dn_lc, name = EXCLUDED.name, name_lc = EXCLUDED.name_lc,
                    upn_lc = EXCLUDED.upn_lc, display_name = EXCLUDED.display_name,
                    member_of_lc = EXCLUDED.member_of_lc, groups = EXCLUDED.groups, aliases = EXCLUDED.aliases,
                    os = EXCLUDED.os, disabled = EXCLUDED.disabled, changed_at = EXCLUDED.changed_at
                """)) {
            ps.setString(1, key);
            ps.setString(2, lower(o.domain()));
            ps.setString(3, o.kind().wireName());
            ps.setString(4, o.guid());
            ps.setString(5, lower(o.dn()));
            ps.setString(6, o.name());
            ps.setString(7, lower(o.name()));
            ps.setString(8, lower(o.upn()));
            ps.setString(9, o.displayName());
            ps.setArray(10, Jdbc.textArray(c, lowerAll(o.memberOf())));
            ps.setArray(11, o.groups() == null ? null : Jdbc.textArray(c, o.groups()));
            ps.setArray(12, o.aliases() == null ? null : Jdbc.textArray(c, lowerAll(o.aliases())));
            ps.setString(13, o.os());
            ps.setBoolean(14, o.disabled());
            Jdbc.setInstant(ps, 15, o.changedAt());
            ps.executeUpdate();
        }
        if (o.kind() == DirectoryObjectKind.DOMAIN) {
            replaceAliases(c, lower(o.domain()), o.name(), o.aliases(), o.site());
        }
        return before;
    }

    /** Replaces the aliases of a DNS domain (its NetBIOS name and UPN suffixes) as claimed by a collector site. */
    public void replaceAliases(Connection c, String domain, String dnsName, List<String> aliases, String site)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM query.domain_alias WHERE domain = ?")) {
            ps.setString(1, domain);
            ps.executeUpdate();
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(lowerAll(aliases));
        if (dnsName != null) {
            all.add(dnsName.toLowerCase(Locale.ROOT));
        }
        all.remove(domain);
        if (all.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO query.domain_alias (alias, domain, site)"
                + " VALUES (?, ?, ?) ON CONFLICT (alias, domain) DO UPDATE SET site = EXCLUDED.site")) {
            for (String alias : all) {
                ps.setString(1, alias);
                ps.setString(2, domain);
                ps.setString(3, site == null ? "" : site);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Whether any stored user of the domain lacks resolved groups (their roles then follow group objects). */
    public boolean domainResolvesMembership(Connection c, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM query.directory_object"
                + " WHERE domain = ? AND kind = 'user' AND groups IS NULL)")) {
            ps.setString(1, domain);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static List<String> lowerAll(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    out.add(v.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
