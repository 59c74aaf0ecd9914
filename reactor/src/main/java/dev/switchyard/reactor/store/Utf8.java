package dev.switchyard.reactor.store;

/** DynamoDB orders strings by their UTF-8 bytes, which is code point order, not Java's UTF-16 order. */
public final class Utf8 {
    private Utf8() {}

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
