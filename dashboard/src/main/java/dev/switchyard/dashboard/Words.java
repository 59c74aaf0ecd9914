package dev.switchyard.dashboard;

/** Numbers in words for the page and the API's messages. */
final class Words {
    private Words() {}

    /** A duration as a person reads it: {@code 45 s}, {@code 2 min 5 s}, {@code 3 h 20 min}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            long s = seconds % 60;
            return seconds / 60 + " min" + (s == 0 ? "" : " " + s + " s");
        }
        long m = seconds % 3600 / 60;
        return seconds / 3600 + " h" + (m == 0 ? "" : " " + m + " min");
    }
}
