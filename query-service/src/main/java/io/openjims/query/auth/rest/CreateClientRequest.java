package io.openjims.query.auth.rest;

import java.util.List;

/**
 * Body of {@code POST /api/admin/clients}: {@code {"name": "srx-1", "roles": ["srx"], "domains": ["example.com"]}};
 * {@code domains} (DNS names) limits what the client sees and ingests, absent or empty = unrestricted.
 */
public record CreateClientRequest(String name, List<String> roles, List<String> domains) {}
