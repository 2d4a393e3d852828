package io.openjims.collector.syslog.rules;

/**
 * A message as java.util.regex reads it, with a budget of character reads: a regex that backtracks
 * catastrophically (ReDoS) on a hostile line runs out of budget in milliseconds instead of holding an event loop for
 * minutes. Chosen over a linear-time engine (RE2/J) because rules keep the full java.util.regex syntax admins already
 * use (look-around, back-references, possessive quantifiers), and a step count is the same on a loaded or idle
 * machine, unlike a clock. Not thread-safe: one per evaluation.
 */
final class BudgetedText implements CharSequence {

    /**
     * Character reads one regex may make on one message, some tens of milliseconds. java.util.regex (Java 17) already
     * defuses the classic exponential patterns such as {@code (a+)+b}; what remains are polynomial ones: {@code
     * user=(\\S+).*ip=(\\S+)} needs about 10^8 reads (0.7 s) on a hostile 8 KiB line, {@code (.*.*.*)} far more.
     * Anchored rules with specific classes ({@code [^ ]+}) stay linear and never come near it.
     */
    static final long DEFAULT_BUDGET = 10_000_000L;

    /** Thrown when a regex used up its budget. */
    static final class Exceeded extends RuntimeException {
        Exceeded(long budget) {
            super("the regex needed more than " + budget + " steps on one message", null, false, false);
        }
    }

    private final String text;
    private final int offset;
    private final int length;
    private final long[] left;
    private final long budget;

    BudgetedText(String text, long budget) {
        this(text, 0, text.length(), new long[] {budget}, budget);
    }

    private BudgetedText(String text, int offset, int length, long[] left, long budget) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.left = left;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (--left[0] < 0) {
            throw new Exceeded(budget);
        }
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedText(text, offset + start, end - start, left, budget);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}
