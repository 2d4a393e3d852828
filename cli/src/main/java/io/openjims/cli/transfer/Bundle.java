package io.openjims.cli.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Json;
import io.openjims.cli.core.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One file for the whole system: {@code {"format": "openjims-config-bundle", "version": 1, "exported_at",
 * "services": {"collector": <document>, "query": <document>, "push": <document>}}}, each document exactly as its
 * service exported it (the services verify their own integrity and seals; the bundle adds no secret).
 */
public final class Bundle {

    public static final String FORMAT = "openjims-config-bundle";
    public static final int VERSION = 1;
    /** The format of one service's document. */
    public static final String DOCUMENT_FORMAT = "openjims-config";

    private final Instant exportedAt;
    private final Map<Service, JsonNode> documents;

    public Bundle(Instant exportedAt, Map<Service, JsonNode> documents) {
        this.exportedAt = exportedAt;
        EnumMap<Service, JsonNode> copy = new EnumMap<>(Service.class);
        copy.putAll(documents);
        this.documents = Collections.unmodifiableMap(copy);
    }

    /** Each service's document, in service order. */
    public Map<Service, JsonNode> documents() {
        return documents;
    }

    public Instant exportedAt() {
        return exportedAt;
    }

    /** The section names of one service's document, in document order. */
    public List<String> sections(Service service) {
        List<String> names = new ArrayList<>();
        JsonNode doc = documents.get(service);
        if (doc != null) {
            doc.path("sections").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("exported_at", exportedAt.toString());
        ObjectNode services = root.putObject("services");
        documents.forEach((service, doc) -> services.set(service.key(), doc));
        return root;
    }

    /**
     * Reads a bundle; a single service's document (format {@code openjims-config}) counts as a bundle of that one
     * service. Anything else fails with what the file is not.
     */
    public static Bundle parse(String text, String source) {
        JsonNode root = Json.parse(text);
        if (root == null || !root.isObject()) {
            throw CliException.failed(source + " is not JSON: not an OpenJIMS configuration file");
        }
        String format = root.path("format").asText("");
        if (format.equals(DOCUMENT_FORMAT)) {
            Service service = Service.ofKey(root.path("service").asText(""));
            if (service == null) {
                throw CliException.failed(source + " names an unknown service \""
                        + root.path("service").asText("") + "\": not an OpenJIMS configuration file");
            }
            return new Bundle(Instant.EPOCH, Map.of(service, root));
        }
        if (!format.equals(FORMAT)) {
            throw CliException.failed(source + " is not an OpenJIMS configuration bundle (format \"" + format
                    + "\", expected \"" + FORMAT + "\")");
        }
        JsonNode version = root.path("version");
        if (!version.isInt() || version.asInt() < 1) {
            throw CliException.failed(source + " has no valid bundle version");
        }
        if (version.asInt() > VERSION) {
            throw CliException.failed(source + " is bundle version " + version.asInt()
                    + ", written by a newer openjims: use that version to import it");
        }
        JsonNode services = root.path("services");
        if (!services.isObject() || services.isEmpty()) {
            throw CliException.failed(source + " holds no service configuration");
        }
        EnumMap<Service, JsonNode> documents = new EnumMap<>(Service.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Service service = Service.ofKey(entry.getKey());
            if (service == null) {
                throw CliException.failed(source + " holds an unknown service \"" + entry.getKey() + "\"");
            }
            if (!entry.getValue().isObject()) {
                throw CliException.failed(source + ": the " + entry.getKey() + " document is not a JSON object");
            }
            documents.put(service, entry.getValue());
        }
        Instant exported;
        try {
            exported = Instant.parse(root.path("exported_at").asText());
        } catch (RuntimeException e) {
            exported = Instant.EPOCH;
        }
        return new Bundle(exported, documents);
    }
}
