package io.openjims.bench.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFReader;
import io.openjims.collector.directory.ldap.DirectoryKind;
import io.openjims.collector.directory.ldap.DirectorySettings;
import io.openjims.collector.directory.ldap.LdapConnector;
import io.openjims.collector.directory.sync.DirectorySyncEngine;
import io.openjims.collector.directory.sync.Publication;
import io.openjims.collector.directory.sync.SyncOutcome;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.EmbeddedPostgres;
import io.openjims.model.DirectoryObject;
import io.openjims.model.kafka.DirectoryObjectSerializer;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Directory sync at scale: an Active-Directory-like LDAP server (UnboundID in-memory, AD schema, uSNChanged) with
 * N users and G groups (each user directly in 3 groups, groups nested up to 4 levels), read over LDAP by the
 * collector's sync engine (paged full sync, then incremental polls), published to a real Kafka broker and the
 * fingerprints stored in a real PostgreSQL, as the service does.
 *
 * <p>Run: {@code bench/run.sh io.openjims.bench.directory.DirectorySyncBench [users] [groups] [page size]} (default
 * 100000 10000 1000, the service's default page size {@code openjims.collector.directory.page-size}).
 */
public final class DirectorySyncBench {

    private static final String BASE = "DC=bench,DC=test";
    private static final String USERS = "CN=Users," + BASE;
    private static final String BIND_DN = "CN=svc,CN=Users," + BASE;

    private static final String SCHEMA = String.join(
            "\n",
            "dn: cn=schema",
            "objectClass: top",
            "objectClass: subschema",
            "attributeTypes: ( 1.2.840.113556.1.4.2 NAME 'objectGUID' SYNTAX 1.3.6.1.4.1.1466.115.121.1.40"
                    + " SINGLE-VALUE )",
            "attributeTypes: ( 1.2.840.113556.1.4.146 NAME 'objectSid' SYNTAX 1.3.6.1.4.1.1466.115.121.1.40"
                    + " SINGLE-VALUE )",
            "attributeTypes: ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch SYNTAX"
                    + " 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )",
            "attributeTypes: ( 1.2.840.113556.1.4.656 NAME 'userPrincipalName' EQUALITY caseIgnoreMatch SYNTAX"
                    + " 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )",
            "attributeTypes: ( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch SYNTAX"
                    + " 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
            "attributeTypes: ( 1.2.840.113556.1.2.120 NAME 'uSNChanged' EQUALITY integerMatch ORDERING"
                    + " integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
            "attributeTypes: ( 1.2.840.113556.1.2.48 NAME 'isDeleted' EQUALITY booleanMatch SYNTAX"
                    + " 1.3.6.1.4.1.1466.115.121.1.7 SINGLE-VALUE )",
            "attributeTypes: ( 1.2.840.113556.1.4.98 NAME 'primaryGroupID' EQUALITY integerMatch SYNTAX"
                    + " 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
            "attributeTypes: ( 1.2.840.113556.1.4.363 NAME 'operatingSystem' EQUALITY caseIgnoreMatch SYNTAX"
                    + " 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )",
            "objectClasses: ( 1.2.840.113556.1.3.23 NAME 'container' SUP top STRUCTURAL MUST cn )",
            "objectClasses: ( 1.2.840.113556.1.5.9 NAME 'user' SUP top STRUCTURAL MUST cn MAY ( objectGUID $"
                    + " objectSid $ sAMAccountName $ userPrincipalName $ userAccountControl $ uSNChanged $ isDeleted"
                    + " $ primaryGroupID $ displayName ) )",
            "objectClasses: ( 1.2.840.113556.1.3.30 NAME 'computer' SUP user STRUCTURAL MAY ( operatingSystem ) )",
            "objectClasses: ( 1.2.840.113556.1.5.8 NAME 'group' SUP top STRUCTURAL MUST cn MAY ( member $"
                    + " objectGUID $ objectSid $ sAMAccountName $ uSNChanged $ isDeleted ) )");

    private DirectorySyncBench() {}

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int groups = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int pageSize = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        long[] usn = {1000};
        Random random = new Random(42);

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        Entry schemaEntry =
                new LDIFReader(new ByteArrayInputStream(SCHEMA.getBytes(StandardCharsets.UTF_8))).readEntry();
        config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), new Schema(schemaEntry)));
        config.addAdditionalBindCredentials(BIND_DN, "bench");
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        config.setMaxSizeLimit(0);
        // Like a domain controller, the root DSE tells the highest USN written (switchable, to time the searches too).
        AtomicBoolean rootUsn = new AtomicBoolean(true);
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
                if (rootUsn.get() && entry.getSearchEntry().getDN().isEmpty()) {
                    Entry root = entry.getSearchEntry().duplicate();
                    root.setAttribute("highestCommittedUSN", Long.toString(usn[0]));
                    entry.setSearchEntry(root);
                }
            }
        });
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        long t0 = System.nanoTime();
        server.add("dn: " + BASE, "objectClass: domain", "dc: bench");
        server.add("dn: " + USERS, "objectClass: container", "cn: Users");
        List<List<String>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        // Nesting: group g (g >= 10) sits in one group of a lower tier, giving chains up to 4 deep.
        for (int g = 10; g < groups; g++) {
            int tierStart = g < 100 ? 0 : g < 1000 ? 10 : 100;
            int tierSize = g < 100 ? 10 : g < 1000 ? 90 : 900;
            members.get(tierStart + random.nextInt(tierSize)).add(groupDn(g));
        }
        for (int u = 0; u < users; u++) {
            String dn = "CN=User Number " + u + "," + USERS;
            server.add(new Entry(
                    dn,
                    new Attribute("objectClass", "top", "user"),
                    new Attribute("cn", "User Number " + u),
                    new Attribute("sAMAccountName", "user" + u),
                    new Attribute("userPrincipalName", "user" + u + "@bench.test"),
                    new Attribute("displayName", "User Number " + u),
                    new Attribute("userAccountControl", "512"),
                    new Attribute("primaryGroupID", "513"),
                    new Attribute("objectGUID", guid()),
                    new Attribute("uSNChanged", Long.toString(++usn[0]))));
            for (int k = 0; k < 3; k++) {
                members.get(random.nextInt(groups)).add(dn);
            }
        }
        for (int g = 0; g < groups; g++) {
            List<Attribute> a = new ArrayList<>(List.of(
                    new Attribute("objectClass", "top", "group"),
                    new Attribute("cn", "Group " + g),
                    new Attribute("sAMAccountName", "group-" + g),
                    new Attribute("objectGUID", guid()),
                    new Attribute("objectSid", sid(g == 0 ? 513 : 2000 + g)),
                    new Attribute("uSNChanged", Long.toString(++usn[0]))));
            if (!members.get(g).isEmpty()) {
                a.add(new Attribute("member", members.get(g)));
            }
            server.add(new Entry(groupDn(g), a));
        }
        server.startListening();
        System.out.printf(
                "directory: %d users, %d groups loaded in %d ms; page size %d%n", users, groups, ms(t0), pageSize);

        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String topic = "bench.directory." + UUID.randomUUID();
            DirectorySettings settings = new DirectorySettings(
                    UUID.randomUUID(),
                    "bench",
                    DirectoryKind.ACTIVE_DIRECTORY,
                    "ldap://127.0.0.1:" + server.getListenPort(),
                    false,
                    BIND_DN,
                    "bench",
                    BASE,
                    "bench.test",
                    "BENCH",
                    List.of(),
                    30,
                    3600,
                    List.of(),
                    null,
                    null,
                    1);
            DirectorySyncEngine engine = new DirectorySyncEngine(
                    new LdapConnector(Duration.ofSeconds(10), Duration.ofSeconds(120)), pageSize);
            long heapBefore = usedHeapAfterGc();

            long start = System.nanoTime();
            SyncOutcome first = engine.poll(settings, null, Map::of, false, Instant.now());
            long readMs = ms(start);
            long publishStart = System.nanoTime();
            publish(kafka.bootstrapServers(), topic, first.publications());
            long publishMs = ms(publishStart);
            long storeStart = System.nanoTime();
            store(postgres, settings.id(), first.publications());
            long storeMs = ms(storeStart);
            first.model().markPublished(first.publications());
            long totalMs = ms(start);
            long heapAfter = usedHeapAfterGc();
            System.out.printf(
                    "first sync: %d entries read + resolved in %d ms, %d records published in %d ms, fingerprints"
                            + " stored in %d ms; total %d ms; model retained %d MiB%n",
                    first.examined(),
                    readMs,
                    first.publications().size(),
                    publishMs,
                    storeMs,
                    totalMs,
                    (heapAfter - heapBefore) >> 20);

            var model = first.model();
            for (boolean withRootUsn : new boolean[] {true, false}) {
                rootUsn.set(withRootUsn);
                List<Long> idle = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    long s = System.nanoTime();
                    SyncOutcome poll = engine.poll(settings, model, Map::of, false, Instant.now());
                    idle.add(ms(s));
                    if (!poll.publications().isEmpty()) {
                        throw new IllegalStateException("an unchanged directory published "
                                + poll.publications().size());
                    }
                    model = poll.model();
                }
                idle.sort(null);
                System.out.printf(
                        "incremental poll, no changes, %s: median %d ms, max %d ms (5 polls)%n",
                        withRootUsn
                                ? "root DSE highestCommittedUSN unchanged (no search)"
                                : "no highestCommittedUSN (uSNChanged search + tombstone search)",
                        idle.get(2),
                        idle.get(4));
            }

            // One membership change in a top-tier group: every member below it is re-derived.
            rootUsn.set(true);
            server.modify(
                    groupDn(5),
                    new Modification(ModificationType.ADD, "member", groupDn(groups - 1)),
                    new Modification(ModificationType.REPLACE, "uSNChanged", Long.toString(++usn[0])));
            long s = System.nanoTime();
            SyncOutcome changed = engine.poll(settings, model, Map::of, false, Instant.now());
            publish(kafka.bootstrapServers(), topic, changed.publications());
            store(postgres, settings.id(), changed.publications());
            System.out.printf(
                    "incremental poll, one group nested into another: %d records published, %d ms%n",
                    changed.publications().size(), ms(s));
            System.out.printf(
                    "max heap %d MiB, cores %d%n",
                    Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        } finally {
            server.shutDown(true);
        }
    }

    private static void publish(String bootstrap, String topic, List<Publication> publications) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                262144);
        try (KafkaProducer<String, DirectoryObject> producer =
                new KafkaProducer<>(config, new StringSerializer(), new DirectoryObjectSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Publication p : publications) {
                sent.add(producer.send(new ProducerRecord<>(topic, p.key(), p.value())));
            }
            for (var f : sent) {
                f.get();
            }
        }
    }

    /** The service's fingerprint upsert (collector.directory_object), over JDBC. */
    private static void store(EmbeddedPostgres postgres, UUID source, List<Publication> publications) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password())) {
            c.createStatement()
                    .execute("CREATE TABLE IF NOT EXISTS directory_object (source_id uuid, record_key text,"
                            + " kind text, fingerprint text, PRIMARY KEY (source_id, record_key))");
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO directory_object SELECT ?, k, t, f FROM"
                    + " unnest(?::text[], ?::text[], ?::text[]) AS u(k, t, f) ON CONFLICT (source_id, record_key) DO"
                    + " UPDATE SET kind = excluded.kind, fingerprint = excluded.fingerprint")) {
                for (int from = 0; from < publications.size(); from += 5000) {
                    List<Publication> chunk = publications.subList(from, Math.min(publications.size(), from + 5000));
                    st.setObject(1, source);
                    st.setArray(
                            2,
                            c.createArrayOf(
                                    "text", chunk.stream().map(Publication::key).toArray()));
                    st.setArray(
                            3,
                            c.createArrayOf(
                                    "text",
                                    chunk.stream().map(p -> p.kind().wireName()).toArray()));
                    st.setArray(
                            4,
                            c.createArrayOf(
                                    "text",
                                    chunk.stream().map(Publication::fingerprint).toArray()));
                    st.executeUpdate();
                }
            }
            c.commit();
        }
    }

    private static String groupDn(int g) {
        return "CN=Group " + g + "," + USERS;
    }

    private static byte[] guid() {
        UUID u = UUID.randomUUID();
        return ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array();
    }

    private static byte[] sid(int rid) {
        ByteBuffer sid = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        sid.put((byte) 1).put((byte) 5).put(new byte[] {0, 0, 0, 0, 0, 5});
        sid.putInt(21).putInt(1).putInt(2).putInt(3).putInt(rid);
        return sid.array();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
