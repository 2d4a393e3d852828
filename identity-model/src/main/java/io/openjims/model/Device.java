package io.openjims.model;

import java.util.List;

/** The device behind an address, when the producer knows it. */
public record Device(String identity, List<String> groups, String os, String category) {}
