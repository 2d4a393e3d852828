package io.openjims.collector.ingest.service;

import java.util.List;

/** What became of a batch: how many events Kafka acknowledged, and which items were refused and why. */
public record IngestResult(int accepted, List<Rejection> rejected) {

    public record Rejection(int index, String error) {}
}
