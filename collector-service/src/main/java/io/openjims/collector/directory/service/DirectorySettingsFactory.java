package io.openjims.collector.directory.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.openjims.collector.directory.ldap.DirectoryKind;
import io.openjims.collector.directory.ldap.DirectorySettings;
import io.openjims.collector.directory.ldap.LdapMapping;
import io.openjims.collector.directory.repository.DirectorySourceRow;
import io.openjims.model.kafka.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Turns a stored directory row into the settings of a poll, decrypting the bind password. */
final class DirectorySettingsFactory {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private DirectorySettingsFactory() {}

    static DirectorySettings settings(DirectorySourceRow row, DirectorySecrets cipher) {
        return new DirectorySettings(
                row.id(),
                row.name(),
                DirectoryKind.fromWireName(row.kind()).orElse(DirectoryKind.ACTIVE_DIRECTORY),
                row.url(),
                row.startTls(),
                row.bindDn(),
                cipher.decrypt(row.bindPasswordEnc(), row.id().toString()),
                row.baseDn(),
                row.domain(),
                row.netbiosName(),
                strings(row.upnSuffixesJson()),
                row.pollIntervalSeconds(),
                row.fullSyncIntervalSeconds(),
                strings(row.excludeDnPatternsJson()),
                row.caPem(),
                mapping(row.ldapMappingJson()),
                row.configVersion());
    }

    static List<String> strings(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JsonCodec.mapper().readValue(json, STRINGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LdapMapping mapping(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JsonCodec.mapper().readValue(json, LdapMapping.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
