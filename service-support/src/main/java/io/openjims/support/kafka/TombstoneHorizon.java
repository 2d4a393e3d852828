package io.openjims.support.kafka;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a consumer of a compacted topic may have missed tombstones and must rebuild its state from the beginning of
 * the topic. The broker removes a tombstone (and so the deletion it carries) {@code delete.retention.ms} after the
 * partition was cleaned, and may drop whole segments before a consumer's position. Pure logic.
 */
public final class TombstoneHorizon {

    /** The consumer's position is below the partition's log start: records it never read are gone. */
    public static final String BELOW_LOG_START = "below_log_start";

    /** The consumer last read more than {@code delete.retention.ms} ago: tombstones after its position may be gone. */
    public static final String OLDER_THAN_RETENTION = "older_than_retention";

    public enum Action {
        NONE,
        REBUILD
    }

    /** The action and, for a rebuild, why ({@link #BELOW_LOG_START} or {@link #OLDER_THAN_RETENTION}). */
    public record Decision(Action action, String reason) {
        public static final Decision NONE = new Decision(Action.NONE, null);

        public boolean rebuild() {
            return action == Action.REBUILD;
        }
    }

    private TombstoneHorizon() {}

    /**
     * @param position the next offset the consumer reads (its stored position); null when it never read the partition
     *     (it reads from the beginning: nothing to miss)
     * @param logStart the partition's first offset the broker still holds (consumer {@code beginningOffsets})
     * @param logEnd the partition's end offset; null when unknown. A consumer at the end has nothing left to miss
     * @param readUpTo a time at which the consumer had read everything written before it up to its position (it was
     *     caught up then); null when unknown (only the offset rule applies)
     * @param deleteRetention the topic's {@code delete.retention.ms}
     */
    public static Decision decide(
            Long position, long logStart, Long logEnd, Instant readUpTo, Instant now, Duration deleteRetention) {
        if (position == null) {
            return Decision.NONE;
        }
        if (position < logStart) {
            return new Decision(Action.REBUILD, BELOW_LOG_START);
        }
        if (logEnd != null && position >= logEnd) {
            return Decision.NONE;
        }
        if (readUpTo != null
                && !Duration.between(readUpTo, now).minus(deleteRetention).isNegative()) {
            return new Decision(Action.REBUILD, OLDER_THAN_RETENTION);
        }
        return Decision.NONE;
    }
}
