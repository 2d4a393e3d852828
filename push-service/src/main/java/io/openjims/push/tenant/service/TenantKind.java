package io.openjims.push.tenant.service;

import java.util.Locale;

/** What a tenant is: a CSO tenant, or a Secure Edge tenant (which also gets the collector list and statistics). */
public enum TenantKind {
    CSO("cso"),
    SECURE_EDGE("secure-edge");

    private final String wireName;

    TenantKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind of a wire name, or null when there is none such. */
    public static TenantKind fromWireName(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (TenantKind kind : values()) {
            if (kind.wireName.equals(v)) {
                return kind;
            }
        }
        return null;
    }
}
