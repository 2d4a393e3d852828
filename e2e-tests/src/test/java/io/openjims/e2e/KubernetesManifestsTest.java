package io.openjims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders the kustomization (base and production overlay) with {@code kubectl kustomize} and checks every object:
 * required fields, probes, ports, security context, resources, images and labels, and that Services, PDBs, HPAs and
 * NetworkPolicies point at what exists. The Strimzi topics must match the design.
 */
class KubernetesManifestsTest {

    private static final List<String> SERVICES = List.of("collector-service", "query-service", "push-service");
    private static final Map<String, Integer> HTTPS_PORTS =
            Map.of("collector-service", 8444, "query-service", 8443, "push-service", 8445);
    /** The Secrets the manifests may reference (deploy/README.md tells how to create them). */
    private static final Set<String> DOCUMENTED_SECRETS =
            Set.of("openjims-db", "openjims-jwt", "openjims-tls", "openjims-encryption", "openjims-admin-client");

    @ParameterizedTest
    @ValueSource(strings = {"deploy/kubernetes/base", "deploy/kubernetes/overlays/production"})
    void everyObjectIsCompleteAndConsistent(String kustomization) {
        List<JsonNode> objects = render(kustomization);
        boolean production = kustomization.endsWith("production");
        assertThat(objects).isNotEmpty();
        for (JsonNode object : objects) {
            String id = id(object);
            assertThat(text(object, "apiVersion")).as(id + " apiVersion").isNotBlank();
            assertThat(text(object, "kind")).as(id + " kind").isNotBlank();
            assertThat(text(object.path("metadata"), "name")).as(id + " name").isNotBlank();
            assertThat(object.path("metadata")
                            .path("labels")
                            .path("app.kubernetes.io/part-of")
                            .asText())
                    .as(id + " label app.kubernetes.io/part-of")
                    .isEqualTo("openjims");
            if (production) {
                assertThat(object.path("metadata").path("namespace").asText())
                        .as(id + " namespace")
                        .isEqualTo("openjims");
            }
        }
        Map<String, JsonNode> deployments = byName(objects, "Deployment");
        assertThat(deployments.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        deployments.values().forEach(d -> checkDeployment(d, objects, production));
        checkServices(objects, deployments);
        checkDisruptionBudgets(objects, deployments);
        checkAutoscalers(objects, deployments);
        checkNetworkPolicies(objects, deployments);
        checkKafka(objects);
    }

    @Test
    void productionPinsImageTagsAndScalesTheQueryService() {
        List<JsonNode> objects = render("deploy/kubernetes/overlays/production");
        for (JsonNode deployment : byName(objects, "Deployment").values()) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                assertThat(container.path("image").asText())
                        .as("production image of " + id(deployment))
                        .doesNotEndWith(":latest")
                        .matches(".+:[0-9][0-9A-Za-z.\\-]*");
            }
        }
        assertThat(byName(objects, "HorizontalPodAutoscaler")
                        .get("query-service")
                        .at("/spec/minReplicas")
                        .asInt())
                .isGreaterThanOrEqualTo(3);
        assertThat(byName(objects, "PodDisruptionBudget")
                        .get("query-service")
                        .at("/spec/minAvailable")
                        .asInt())
                .isGreaterThanOrEqualTo(2);
    }

    private static void checkDeployment(JsonNode deployment, List<JsonNode> objects, boolean production) {
        String name = deployment.at("/metadata/name").asText();
        String id = id(deployment);
        JsonNode selector = deployment.at("/spec/selector/matchLabels");
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertThat(selector.isObject() && selector.size() > 0)
                .as(id + " selector")
                .isTrue();
        assertThat(matches(selector, podLabels))
                .as(id + " selector matches its pod labels")
                .isTrue();
        assertThat(podLabels.path("app.kubernetes.io/name").asText()).isEqualTo(name);
        assertThat(podLabels.path("app.kubernetes.io/part-of").asText()).isEqualTo("openjims");

        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                .as(id + " runAsNonRoot")
                .isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt())
                .as(id + " runAsUser")
                .isPositive();
        assertThat(pod.path("hostNetwork").asBoolean(false))
                .as(id + " hostNetwork")
                .isFalse();
        assertThat(pod.path("hostPID").asBoolean(false)).as(id + " hostPID").isFalse();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true))
                .as(id + " automountServiceAccountToken")
                .isFalse();
        Set<String> volumes = new HashSet<>();
        for (JsonNode volume : pod.path("volumes")) {
            volumes.add(volume.path("name").asText());
            assertThat(volume.has("hostPath")).as(id + " hostPath volume").isFalse();
            if (volume.has("secret")) {
                assertThat(volume.at("/secret/secretName").asText())
                        .as(id + " secret volume")
                        .isIn(DOCUMENTED_SECRETS);
            }
        }
        assertThat(pod.path("containers")).as(id + " containers").hasSize(1);
        JsonNode container = pod.path("containers").get(0);
        String cid = id + " container " + container.path("name").asText();

        assertThat(container.path("image").asText()).as(cid + " image").startsWith("openjims/" + name + ":");
        if (!production) {
            assertThat(container.path("image").asText()).endsWith(":latest");
        }
        JsonNode security = container.path("securityContext");
        assertThat(security.path("privileged").asBoolean(false))
                .as(cid + " privileged")
                .isFalse();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                .as(cid + " allowPrivilegeEscalation")
                .isFalse();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean(false))
                .as(cid + " readOnlyRootFilesystem")
                .isTrue();
        assertThat(texts(security.at("/capabilities/drop")))
                .as(cid + " drops capabilities")
                .contains("ALL");
        assertThat(security.at("/capabilities/add").size())
                .as(cid + " adds no capability")
                .isZero();

        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertThat(container.at("/resources/" + kind + "/" + resource).asText())
                        .as(cid + " resources." + kind + "." + resource)
                        .isNotBlank();
            }
        }

        Map<String, Integer> ports = new HashMap<>();
        for (JsonNode port : container.path("ports")) {
            ports.put(port.path("name").asText(), port.path("containerPort").asInt());
            assertThat(port.path("containerPort").asInt()).as(cid + " port").isBetween(1024, 65535);
        }
        assertThat(ports).as(cid + " https port").containsEntry("https", HTTPS_PORTS.get(name));
        assertThat(ports).as(cid + " management port").containsEntry("management", 9000);
        if (name.equals("collector-service")) {
            assertThat(ports)
                    .containsEntry("syslog-udp", 5514)
                    .containsEntry("syslog-tcp", 5514)
                    .containsEntry("syslog-tls", 6514)
                    .containsEntry("syslog-relp", 2514)
                    .containsEntry("radius-acct", 1813);
        }
        checkProbe(cid, container.path("livenessProbe"), "/q/health/live", ports);
        checkProbe(cid, container.path("readinessProbe"), "/q/health/ready", ports);

        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            env.put(variable.path("name").asText(), variable.path("value").asText());
            JsonNode secretRef = variable.at("/valueFrom/secretKeyRef");
            if (!secretRef.isMissingNode()) {
                assertThat(secretRef.path("name").asText())
                        .as(cid + " secret of " + variable.path("name").asText())
                        .isIn(DOCUMENTED_SECRETS);
                assertThat(secretRef.path("key").asText()).isNotBlank();
            }
        }
        assertThat(env).as(cid + " env").containsKeys("OPENJIMS_DB_USER", "OPENJIMS_DB_PASSWORD");
        assertThat(env).containsEntry("QUARKUS_HTTP_SSL_PORT", Integer.toString(HTTPS_PORTS.get(name)));
        if (name.equals("collector-service")) {
            assertThat(env)
                    .as(cid + ": syslog closed until an overlay sets the allow-list")
                    .containsEntry("OPENJIMS_COLLECTOR_SYSLOG_ALLOWED_SENDERS", "none");
        }
        if (name.equals("query-service")) {
            assertThat(env)
                    .containsKeys("OPENJIMS_ADMIN_CLIENT_ID", "OPENJIMS_ADMIN_CLIENT_SECRET", "OPENJIMS_COOKIE_SECRET");
        }
        Map<String, JsonNode> configMaps = byName(objects, "ConfigMap");
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.at("/configMapRef/name").asText();
            assertThat(configMaps).as(cid + " envFrom config map").containsKey(configMap);
            JsonNode data = configMaps.get(configMap).path("data");
            for (String key : List.of(
                    "OPENJIMS_KAFKA_BOOTSTRAP",
                    "OPENJIMS_DB_REACTIVE_URL",
                    "OPENJIMS_DB_JDBC_URL",
                    "OPENJIMS_JWT_PUBLIC_KEY_FILE",
                    "OPENJIMS_TLS_CERT_FILE",
                    "OPENJIMS_TLS_KEY_FILE")) {
                assertThat(data.path(key).asText()).as(configMap + " " + key).isNotBlank();
            }
        }
        assertThat(container.path("envFrom")).as(cid + " envFrom").isNotEmpty();
        Set<String> mounts = new HashSet<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            assertThat(volumes)
                    .as(cid + " mount " + mount.path("name"))
                    .contains(mount.path("name").asText());
            mounts.add(mount.path("mountPath").asText());
        }
        // Read-only root file system: Quarkus and Vert.x still need a writable /tmp.
        assertThat(mounts).as(cid + " mounts").contains("/tmp", "/etc/openjims/tls", "/etc/openjims/jwt");
    }

    private static void checkProbe(String cid, JsonNode probe, String path, Map<String, Integer> ports) {
        assertThat(probe.isMissingNode()).as(cid + " has probe " + path).isFalse();
        assertThat(probe.at("/httpGet/path").asText()).as(cid + " probe path").isEqualTo(path);
        assertThat(probe.at("/httpGet/scheme").asText())
                .as(cid + " probe scheme (the management port is plain HTTP inside the pod)")
                .isEqualTo("HTTP");
        assertThat(probe.at("/httpGet/port").asText())
                .as(cid + " probes the management port")
                .isEqualTo("management");
        JsonNode port = probe.at("/httpGet/port");
        if (port.isInt()) {
            assertThat(ports.values()).as(cid + " probe port").contains(port.asInt());
        } else {
            assertThat(ports).as(cid + " probe port").containsKey(port.asText());
        }
    }

    private static void checkServices(List<JsonNode> objects, Map<String, JsonNode> deployments) {
        Map<String, JsonNode> services = byName(objects, "Service");
        for (JsonNode service : services.values()) {
            String id = id(service);
            for (JsonNode port : service.at("/spec/ports")) {
                assertThat(port.path("targetPort").asText())
                        .as(id + " never exposes the management port")
                        .isNotIn("management", "9000");
                assertThat(port.path("port").asInt()).as(id + " port").isNotEqualTo(9000);
            }
            JsonNode selector = service.at("/spec/selector");
            JsonNode target = deployments.values().stream()
                    .filter(d -> matches(selector, d.at("/spec/template/metadata/labels")))
                    .findFirst()
                    .orElse(null);
            assertThat(target).as(id + " selects a Deployment's pods").isNotNull();
            JsonNode container = target.at("/spec/template/spec/containers/0");
            Map<String, String> containerPorts = new HashMap<>();
            for (JsonNode port : container.path("ports")) {
                containerPorts.put(
                        port.path("name").asText(), port.path("protocol").asText("TCP"));
            }
            for (JsonNode port : service.at("/spec/ports")) {
                String targetPort = port.path("targetPort").asText();
                assertThat(containerPorts)
                        .as(id + " targetPort " + targetPort + " is a named container port")
                        .containsKey(targetPort);
                assertThat(port.path("protocol").asText("TCP"))
                        .as(id + " protocol of " + targetPort)
                        .isEqualTo(containerPorts.get(targetPort));
            }
        }
        for (String name : SERVICES) {
            JsonNode service = services.get(name);
            assertThat(service).as("Service " + name).isNotNull();
            assertThat(ports(service)).as(name + " ports").contains("443/TCP");
        }
        JsonNode syslog = services.get("collector-syslog");
        assertThat(syslog).as("Service collector-syslog").isNotNull();
        assertThat(syslog.at("/spec/type").asText()).isEqualTo("LoadBalancer");
        assertThat(syslog.at("/spec/externalTrafficPolicy").asText())
                .as("syslog senders' addresses must survive")
                .isEqualTo("Local");
        assertThat(ports(syslog)).containsExactlyInAnyOrder("514/UDP", "514/TCP", "6514/TCP", "2514/TCP");
        JsonNode radius = services.get("collector-radius");
        assertThat(radius).as("Service collector-radius").isNotNull();
        assertThat(radius.at("/spec/externalTrafficPolicy").asText())
                .as("a NAS is known by its source address")
                .isEqualTo("Local");
        assertThat(radius.at("/spec/sessionAffinity").asText())
                .as("one NAS stays on one pod (retransmissions, Accounting-On)")
                .isEqualTo("ClientIP");
        assertThat(ports(radius)).containsExactly("1813/UDP");
    }

    private static void checkDisruptionBudgets(List<JsonNode> objects, Map<String, JsonNode> deployments) {
        Map<String, JsonNode> budgets = byName(objects, "PodDisruptionBudget");
        for (JsonNode deployment : deployments.values()) {
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            assertThat(budgets.values().stream().anyMatch(b -> matches(b.at("/spec/selector/matchLabels"), podLabels)))
                    .as("a PodDisruptionBudget covers " + id(deployment))
                    .isTrue();
        }
        for (JsonNode budget : budgets.values()) {
            assertThat(budget.at("/spec/minAvailable").isInt()
                            || budget.at("/spec/maxUnavailable").isInt())
                    .as(id(budget) + " minAvailable or maxUnavailable")
                    .isTrue();
        }
    }

    private static void checkAutoscalers(List<JsonNode> objects, Map<String, JsonNode> deployments) {
        Map<String, JsonNode> autoscalers = byName(objects, "HorizontalPodAutoscaler");
        assertThat(autoscalers.keySet()).contains("query-service", "push-service");
        for (JsonNode hpa : autoscalers.values()) {
            String id = id(hpa);
            assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
            assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
            assertThat(deployments)
                    .as(id + " target")
                    .containsKey(hpa.at("/spec/scaleTargetRef/name").asText());
            int min = hpa.at("/spec/minReplicas").asInt();
            assertThat(min).as(id + " minReplicas").isGreaterThanOrEqualTo(2);
            assertThat(hpa.at("/spec/maxReplicas").asInt())
                    .as(id + " maxReplicas")
                    .isGreaterThan(min);
            assertThat(hpa.at("/spec/metrics")).as(id + " metrics").isNotEmpty();
        }
    }

    private static void checkNetworkPolicies(List<JsonNode> objects, Map<String, JsonNode> deployments) {
        List<JsonNode> policies =
                new ArrayList<>(byName(objects, "NetworkPolicy").values());
        for (JsonNode deployment : deployments.values()) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode labels = deployment.at("/spec/template/metadata/labels");
            List<JsonNode> applying = policies.stream()
                    .filter(p -> selects(p.at("/spec/podSelector"), labels))
                    .toList();
            assertThat(applying.stream()
                            .anyMatch(p -> texts(p.at("/spec/policyTypes")).contains("Ingress")
                                    && p.at("/spec/ingress").isMissingNode()))
                    .as("a default-deny ingress policy applies to " + name)
                    .isTrue();
            Set<String> allowed = new HashSet<>();
            for (JsonNode policy : applying) {
                for (JsonNode rule : policy.at("/spec/ingress")) {
                    for (JsonNode port : rule.path("ports")) {
                        allowed.add(port.path("port").asText() + "/"
                                + port.path("protocol").asText("TCP"));
                    }
                }
            }
            for (JsonNode port : deployment.at("/spec/template/spec/containers/0/ports")) {
                assertThat(allowed)
                        .as(name + " ingress allowed on its container port " + port.path("name"))
                        .contains(port.path("containerPort").asText() + "/"
                                + port.path("protocol").asText("TCP"));
            }
        }
    }

    private static void checkKafka(List<JsonNode> objects) {
        Map<String, JsonNode> clusters = byName(objects, "Kafka");
        assertThat(clusters).as("one Strimzi Kafka").hasSize(1);
        String cluster = clusters.keySet().iterator().next();
        JsonNode kafka = clusters.get(cluster);
        assertThat(kafka.path("apiVersion").asText()).startsWith("kafka.strimzi.io/");
        assertThat(kafka.at("/spec/kafka/config/default.replication.factor").asInt())
                .isEqualTo(3);
        assertThat(kafka.at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(2);
        List<Integer> listenerPorts = StreamSupport.stream(
                        kafka.at("/spec/kafka/listeners").spliterator(), false)
                .map(l -> l.path("port").asInt())
                .toList();
        assertThat(listenerPorts).as("the listener the services use").contains(9092);
        for (JsonNode map : byName(objects, "ConfigMap").values()) {
            assertThat(map.at("/data/OPENJIMS_KAFKA_BOOTSTRAP").asText()).isEqualTo(cluster + "-kafka-bootstrap:9092");
        }
        int replicas = byName(objects, "KafkaNodePool").values().stream()
                .filter(pool ->
                        pool.at("/metadata/labels/strimzi.io~1cluster").asText().equals(cluster))
                .filter(pool -> texts(pool.at("/spec/roles")).contains("broker"))
                .mapToInt(pool -> pool.at("/spec/replicas").asInt())
                .sum();
        assertThat(replicas).as("brokers").isGreaterThanOrEqualTo(3);

        Map<String, String> expected = Map.of(
                "identity.events", "delete",
                "identity.directory", "compact",
                "identity.collectors", "compact",
                "identity.sessions", "compact",
                "identity.token-revocations", "compact");
        Map<String, JsonNode> topics = byName(objects, "KafkaTopic").values().stream()
                .collect(Collectors.toMap(t -> t.at("/spec/topicName").asText(), t -> t));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            JsonNode topic = topics.get(entry.getKey());
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText())
                    .isEqualTo(cluster);
            assertThat(topic.at("/spec/replicas").asInt())
                    .as(entry.getKey() + " replicas")
                    .isEqualTo(3);
            assertThat(topic.at("/spec/partitions").asInt()).isPositive();
            assertThat(topic.at("/spec/config/cleanup.policy").asText())
                    .as(entry.getKey() + " cleanup.policy")
                    .isEqualTo(entry.getValue());
            if (entry.getValue().equals("compact")) {
                assertThat(topic.at("/spec/config/delete.retention.ms").asLong())
                        .as(entry.getKey() + " keeps tombstones 7 days")
                        .isEqualTo(7L * 24 * 3600 * 1000);
            }
        }
        assertThat(topics.get("identity.events").at("/spec/config/retention.ms").asLong())
                .as("identity.events keeps 7 days")
                .isEqualTo(7L * 24 * 3600 * 1000);
    }

    // ---- helpers

    static List<JsonNode> render(String kustomization) {
        Path root = Tools.root();
        List<String> command;
        Path kubectl = Tools.onPath("kubectl");
        Path kustomize = Tools.onPath("kustomize");
        if (kubectl != null) {
            command = List.of(kubectl.toString(), "kustomize", kustomization);
        } else if (kustomize != null) {
            command = List.of(kustomize.toString(), "build", kustomization);
        } else {
            return fail("Neither kubectl nor kustomize is on the PATH, so deploy/kubernetes cannot be rendered."
                    + " Install kubectl 1.27 or newer (package 'kubectl', listed in .ci/packages.txt; or the"
                    + " standalone kustomize 5 binary).");
        }
        Tools.Result result = Tools.run(root, command);
        assertThat(result.exitCode())
                .as("%s failed:%n%s", String.join(" ", command), result.stderr())
                .isZero();
        try (MappingIterator<JsonNode> documents =
                new YAMLMapper().readerFor(JsonNode.class).readValues(result.stdout())) {
            List<JsonNode> objects = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && document.size() > 0) {
                    objects.add(document);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new IllegalStateException("kustomize printed invalid YAML", e);
        }
    }

    private static Map<String, JsonNode> byName(List<JsonNode> objects, String kind) {
        Map<String, JsonNode> result = new HashMap<>();
        for (JsonNode object : objects) {
            if (kind.equals(object.path("kind").asText())) {
                String name = object.at("/metadata/name").asText();
                assertThat(result).as("duplicate " + kind + " " + name).doesNotContainKey(name);
                result.put(name, object);
            }
        }
        return result;
    }

    private static Set<String> ports(JsonNode service) {
        Set<String> result = new HashSet<>();
        for (JsonNode port : service.at("/spec/ports")) {
            result.add(port.path("port").asText() + "/" + port.path("protocol").asText("TCP"));
        }
        return result;
    }

    /** Whether every label of {@code selector} is in {@code labels} (an empty selector matches nothing here). */
    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.size() == 0) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().asText().equals(labels.path(field.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** A LabelSelector (matchLabels and matchExpressions with In / NotIn / Exists) against pod labels. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode matchLabels = selector.path("matchLabels");
        if (matchLabels.isObject() && matchLabels.size() > 0 && !matches(matchLabels, labels)) {
            return false;
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText(null);
            List<String> values = texts(expression.path("values"));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : array) {
            result.add(item.asText());
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText();
    }

    private static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
    }
}
