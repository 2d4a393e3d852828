package io.openjims.collector.ingest.service;

/** A batch with more items than one request may carry. */
public class BatchTooLargeException extends RuntimeException {

    private final int size;
    private final int max;

    public BatchTooLargeException(int size, int max) {
        super(
                "a batch holds at most " + max + " events, this one has " + size + "; split it into smaller batches",
                null,
                false,
                false);
        this.size = size;
        this.max = max;
    }

    public int size() {
        return size;
    }

    public int max() {
        return max;
    }
}
