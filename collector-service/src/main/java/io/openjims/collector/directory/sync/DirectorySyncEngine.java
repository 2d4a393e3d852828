package io.openjims.collector.directory.sync;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.StaticUtils;
import io.openjims.collector.directory.ldap.DirectoryFailure;
import io.openjims.collector.directory.ldap.DirectoryKind;
import io.openjims.collector.directory.ldap.DirectoryReader;
import io.openjims.collector.directory.ldap.DirectorySettings;
import io.openjims.collector.directory.ldap.LdapConnector;
import io.openjims.collector.directory.ldap.LdapEntry;
import io.openjims.model.DirectoryObjectKind;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One poll of one directory. The first poll (and every {@code full_sync_interval_seconds}, after a configuration
 * change, or when the server answering is another domain controller) reads everything and reconciles against what was
 * published; the others read only what changed since the high-water mark (Active Directory: {@code uSNChanged}, plus
 * tombstones through the show-deleted control; generic LDAP: {@code modifyTimestamp}). Plain Java, blocking: run it on
 * a worker thread.
 */
public final class DirectorySyncEngine {

    private final LdapConnector connector;
    private final int pageSize;

    public DirectorySyncEngine(LdapConnector connector, int pageSize) {
        this.connector = connector;
        this.pageSize = pageSize;
    }

    /**
     * Polls the directory.
     *
     * @param previous the model kept from the last successful poll, or null (then a full sync runs)
     * @param storedFingerprints what was published before, read when there is no model (after a start or a failure)
     */
    public SyncOutcome poll(
            DirectorySettings settings,
            DirectoryModel previous,
            Supplier<Map<String, String>> storedFingerprints,
            boolean forceFull,
            Instant now)
            throws DirectoryFailure {
        try (LDAPConnection connection = connector.connect(settings)) {
            DirectoryReader reader = new DirectoryReader(connection, settings, pageSize);
            DirectoryReader.RootInfo root = reader.root();
            boolean full = forceFull
                    || previous == null
                    || !previous.sameConfig(settings)
                    || previous.highWaterMark() == null
                    || !Objects.equals(previous.serverId(), root.serverId())
                    || previous.lastFullSync() == null
                    || !now.isBefore(previous.lastFullSync().plusSeconds(settings.fullSyncIntervalSeconds()));
            return full
                    ? fullSync(settings, reader, root, previous, storedFingerprints, now)
                    : incremental(settings, reader, root, previous, now);
        } catch (LDAPException e) {
            throw new DirectoryFailure(
                    "reading " + settings.baseDn() + " failed: "
                            + e.getResultCode().getName()
                            + (e.getDiagnosticMessage() != null ? ": " + e.getDiagnosticMessage() : ""),
                    e);
        } catch (DirectoryReader.RangeRetrievalException e) {
            throw new DirectoryFailure(e.getMessage(), e);
        }
    }

    private SyncOutcome fullSync(
            DirectorySettings settings,
            DirectoryReader reader,
            DirectoryReader.RootInfo root,
            DirectoryModel previous,
            Supplier<Map<String, String>> storedFingerprints,
            Instant now)
            throws LDAPException {
        Map<String, String> published =
                previous != null && previous.sameConfig(settings) ? previous.published() : storedFingerprints.get();
        DirectoryModel model = new DirectoryModel(settings, published);
        Mark mark = new Mark(settings.kind(), null);
        int[] examined = {0};
        reader.readAll(null, entry -> {
            examined[0]++;
            mark.see(entry);
            model.upsert(entry);
        });
        List<Publication> publications = model.resolve(true, now);
        model.highWaterMark(mark.next(root));
        model.serverId(root.serverId());
        model.lastFullSync(now);
        return outcome(model, publications, true, examined[0]);
    }

    private SyncOutcome incremental(
            DirectorySettings settings,
            DirectoryReader reader,
            DirectoryReader.RootInfo root,
            DirectoryModel model,
            Instant now)
            throws LDAPException {
        String since = model.highWaterMark();
        if (settings.kind() == DirectoryKind.ACTIVE_DIRECTORY
                && root.highestCommittedUsn() != null
                && root.highestCommittedUsn().trim().equals(since)) {
            // Nothing was written on this domain controller since the last poll (every change, deletions included,
            // takes a new USN): no search needed.
            return outcome(model, model.resolve(false, now), false, 0);
        }
        Mark mark = new Mark(settings.kind(), since);
        Filter changed = reader.changedSince(since);
        List<LdapEntry> entries = new ArrayList<>();
        reader.readAll(changed, entry -> {
            mark.see(entry);
            entries.add(entry);
        });
        for (LdapEntry entry : entries) {
            if (reader.excluded(entry.dn())) {
                model.remove(DirectoryModel.identity(entry));
            } else {
                model.upsert(entry);
            }
        }
        if (settings.kind() == DirectoryKind.ACTIVE_DIRECTORY && !model.tombstonesUnavailable()) {
            List<String> deleted = reader.deletedSince(since, root.defaultNamingContext());
            if (deleted == null) {
                model.tombstonesUnavailable(true);
            } else {
                deleted.forEach(model::remove);
            }
        }
        List<Publication> publications = model.resolve(false, now);
        model.highWaterMark(mark.next(root));
        return outcome(model, publications, false, entries.size());
    }

    private static SyncOutcome outcome(DirectoryModel model, List<Publication> publications, boolean full, int n) {
        return new SyncOutcome(
                model,
                publications,
                full,
                n,
                model.count(DirectoryObjectKind.USER),
                model.count(DirectoryObjectKind.GROUP),
                model.count(DirectoryObjectKind.DEVICE));
    }

    /** Tracks the high-water mark: the server's highestCommittedUSN read before the searches, else the largest seen. */
    private static final class Mark {
        private final DirectoryKind kind;
        private String best;
        private long bestUsn = Long.MIN_VALUE;
        private Instant bestTime;

        Mark(DirectoryKind kind, String previous) {
            this.kind = kind;
            this.best = previous;
            if (previous != null) {
                if (kind == DirectoryKind.ACTIVE_DIRECTORY) {
                    bestUsn = Long.parseLong(previous);
                } else {
                    bestTime = parse(previous);
                }
            }
        }

        void see(LdapEntry entry) {
            String marker = entry.changeMarker();
            if (marker == null) {
                return;
            }
            if (kind == DirectoryKind.ACTIVE_DIRECTORY) {
                try {
                    long usn = Long.parseLong(marker.trim());
                    if (usn > bestUsn) {
                        bestUsn = usn;
                        best = Long.toString(usn);
                    }
                } catch (NumberFormatException ignored) {
                    // not a USN: ignore it as a mark
                }
            } else {
                Instant time = parse(marker);
                if (time != null && (bestTime == null || time.isAfter(bestTime))) {
                    bestTime = time;
                    best = marker;
                }
            }
        }

        String next(DirectoryReader.RootInfo root) {
            if (kind == DirectoryKind.ACTIVE_DIRECTORY) {
                if (root.highestCommittedUsn() != null) {
                    return root.highestCommittedUsn().trim();
                }
                return best != null ? best : "0";
            }
            return best != null ? best : StaticUtils.encodeGeneralizedTime(new java.util.Date(0));
        }

        private static Instant parse(String generalized) {
            try {
                return StaticUtils.decodeGeneralizedTime(generalized).toInstant();
            } catch (ParseException e) {
                return null;
            }
        }
    }
}
