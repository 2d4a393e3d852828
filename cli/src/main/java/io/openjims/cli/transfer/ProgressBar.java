package io.openjims.cli.transfer;

/** {@code [######--------------] Total 5 | Fixed 2 | Remaining 3}. */
public final class ProgressBar {

    private ProgressBar() {}

    public static String render(int total, int fixed, int width) {
        int done = total <= 0 ? width : (int) Math.round((double) width * Math.min(fixed, total) / total);
        return "[" + "#".repeat(done) + "-".repeat(width - done) + "] Total " + total + " | Fixed " + fixed
                + " | Remaining " + Math.max(0, total - fixed);
    }
}
