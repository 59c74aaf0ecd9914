package dev.switchyard.cli;

/** Small helpers for output a person reads. */
final class Words {
    private Words() {}

    /** "1 job", "3 jobs", "2 categories". */
    static String count(long n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + plural;
    }
}
