package io.openjims.push.tenant.service;

import io.openjims.support.api.ApiException;
import io.openjims.support.tls.Pem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of tenant settings; each failure is a 400 whose message says what to fix. */
public final class TenantValidation {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** Tenant usernames: as CSO issues them (letters, digits, '.', '_', '@', '-'; no ':' as HTTP Basic forbids it). */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    private TenantValidation() {}

    /** A username given by the admin (as CSO shows it in its JIMS-to-CSO panel), kept exactly as given. */
    public static String username(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest(
                    "invalid_username",
                    "username must be 1-100 letters, digits, '.', '_', '@' or '-', exactly as CSO shows it");
        }
        return username;
    }

    public static String name(String name) {
        if (name == null || !NAME.matcher(name.trim()).matches()) {
            throw ApiException.badRequest(
                    "invalid_name",
                    "name is required: 1 to 100 letters, digits, spaces, '.', '_' or '-', starting with a letter"
                            + " or digit");
        }
        return name.trim();
    }

    public static TenantKind kind(String kind) {
        TenantKind parsed = TenantKind.fromWireName(kind);
        if (parsed == null) {
            throw ApiException.badRequest("invalid_kind", "kind must be \"cso\" or \"secure-edge\"");
        }
        return parsed;
    }

    /** The endpoint URL: https (http only when allowed for debugging), a host, no credentials in it. */
    public static String endpoint(String endpoint, boolean allowHttp) {
        if (endpoint == null || endpoint.isBlank()) {
            throw ApiException.badRequest(
                    "invalid_endpoint", "endpoint is required, e.g. https://tenant.example.com/push");
        }
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("invalid_endpoint", "endpoint is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw ApiException.badRequest(
                    "invalid_endpoint",
                    "endpoint must be an https:// URL (plain http only with openjims.push.allow-http-endpoints=true)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiException.badRequest(
                    "invalid_endpoint", "endpoint must name a host, e.g. https://tenant.example.com/push");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.badRequest(
                    "invalid_endpoint", "endpoint must not contain credentials; the tenant password is set separately");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw ApiException.badRequest("invalid_endpoint", "endpoint port must be 1..65535 (default 443)");
        }
        return uri.toString();
    }

    /** Lower-case, de-duplicated DNS domain names; at least one. */
    public static List<String> domains(List<String> domains) {
        if (domains == null || domains.isEmpty()) {
            throw ApiException.badRequest(
                    "invalid_domains", "domains is required: the DNS domains whose data this tenant receives");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String d : domains) {
            String v = d == null ? "" : d.trim().toLowerCase(Locale.ROOT);
            if (v.endsWith(".")) {
                v = v.substring(0, v.length() - 1);
            }
            if (!DOMAIN.matcher(v).matches()) {
                throw ApiException.badRequest(
                        "invalid_domains", "\"" + d + "\" is not a DNS domain name (e.g. example.com)");
            }
            out.add(v);
        }
        return new ArrayList<>(out);
    }

    /** The password rules, all broken ones named in one message. */
    public static void password(String password) {
        List<String> broken = PasswordPolicy.violations(password);
        if (!broken.isEmpty()) {
            throw ApiException.badRequest("password_policy", String.join("; ", broken));
        }
    }

    public static String caPem(String caPem) {
        if (caPem == null || caPem.isBlank()) {
            return null;
        }
        try {
            Pem.certificates(caPem);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_ca_pem", "ca_pem: " + e.getMessage());
        }
        return caPem.trim() + "\n";
    }

    public static void clientCertificate(String certPem, String keyPem) {
        try {
            Pem.certificates(certPem);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_client_cert", "client_cert_pem: " + e.getMessage());
        }
        if (keyPem != null) {
            try {
                Pem.keyManagers(certPem, keyPem);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_client_key", "client_key_pem: " + e.getMessage());
            } catch (Exception e) {
                throw ApiException.badRequest(
                        "invalid_client_key", "client_key_pem does not fit client_cert_pem: " + e.getMessage());
            }
        }
    }
}
