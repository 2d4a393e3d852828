package io.openjims.collector.directory.ldap;

import java.util.Locale;
import java.util.Optional;

/** What kind of server a directory is: Active Directory (uSNChanged, objectGUID) or a generic LDAP server. */
public enum DirectoryKind {
    ACTIVE_DIRECTORY("active-directory"),
    LDAP("ldap");

    private final String wireName;

    DirectoryKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<DirectoryKind> fromWireName(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (DirectoryKind kind : values()) {
            if (kind.wireName.equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
