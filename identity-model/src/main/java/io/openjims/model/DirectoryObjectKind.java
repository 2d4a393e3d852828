package io.openjims.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of directory object published on {@link Topics#DIRECTORY}. */
public enum DirectoryObjectKind {
    USER,
    GROUP,
    DEVICE,
    /** A directory's domain itself; its aliases (NetBIOS name, UPN suffixes) map to the DNS name. */
    DOMAIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DirectoryObjectKind fromWireName(String value) {
        return value == null ? null : DirectoryObjectKind.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
