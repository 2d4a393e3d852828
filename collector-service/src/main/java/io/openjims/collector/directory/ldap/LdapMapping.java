package io.openjims.collector.directory.ldap;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Attribute mapping of a generic LDAP directory (kind {@code ldap}); every field is optional and defaults to the
 * inetOrgPerson / groupOfNames / groupOfUniqueNames / posixGroup schema.
 *
 * @param userFilter LDAP filter selecting users
 * @param groupFilter LDAP filter selecting groups
 * @param deviceFilter LDAP filter selecting devices
 * @param loginAttribute the login name of a user (published as {@code name}; posixGroup memberUid values match it)
 * @param displayNameAttribute display name of a user
 * @param upnAttribute published as {@code upn}
 * @param guidAttribute stable unique id of an entry
 * @param groupNameAttribute the name of a group (published in {@code groups})
 * @param deviceNameAttribute the name of a device
 * @param memberAttributes attributes of a group holding member DNs
 * @param memberUidAttribute attribute of a group holding member login names (posixGroup)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LdapMapping(
        String userFilter,
        String groupFilter,
        String deviceFilter,
        String loginAttribute,
        String displayNameAttribute,
        String upnAttribute,
        String guidAttribute,
        String groupNameAttribute,
        String deviceNameAttribute,
        List<String> memberAttributes,
        String memberUidAttribute) {

    public static final LdapMapping DEFAULTS = new LdapMapping(
            "(objectClass=inetOrgPerson)",
            "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))",
            "(objectClass=device)",
            "uid",
            "displayName",
            "mail",
            "entryUUID",
            "cn",
            "cn",
            List.of("member", "uniqueMember"),
            "memberUid");

    /** This mapping with every missing field taken from {@link #DEFAULTS}. */
    public LdapMapping withDefaults() {
        LdapMapping d = DEFAULTS;
        return new LdapMapping(
                or(userFilter, d.userFilter),
                or(groupFilter, d.groupFilter),
                or(deviceFilter, d.deviceFilter),
                or(loginAttribute, d.loginAttribute),
                or(displayNameAttribute, d.displayNameAttribute),
                or(upnAttribute, d.upnAttribute),
                or(guidAttribute, d.guidAttribute),
                or(groupNameAttribute, d.groupNameAttribute),
                or(deviceNameAttribute, d.deviceNameAttribute),
                memberAttributes == null || memberAttributes.isEmpty() ? d.memberAttributes : memberAttributes,
                or(memberUidAttribute, d.memberUidAttribute));
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
