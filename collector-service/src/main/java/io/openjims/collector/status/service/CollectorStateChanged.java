package io.openjims.collector.status.service;

import io.openjims.model.CollectorState;

/** Fired (asynchronously) when the collector's state changes, e.g. running to degraded. */
public record CollectorStateChanged(CollectorState previous, CollectorState current) {}
