package io.openjims.query.auth.rest;

import java.util.List;

/** Body of {@code POST /api/admin/clients}: {@code {"name": "srx-1", "roles": ["srx"]}}. */
public record CreateClientRequest(String name, List<String> roles) {}
