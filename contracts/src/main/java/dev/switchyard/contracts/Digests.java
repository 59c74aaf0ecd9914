package dev.switchyard.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text, for the ids and spreads that must be the same on every JVM and every run. */
public final class Digests {
    private Digests() {}

    /** The SHA-256 of the text's UTF-8 bytes. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The first {@code bytes} bytes of the text's SHA-256, as lower-case hex. */
    public static String hex(int bytes, String text) {
        return HexFormat.of().formatHex(sha256(text), 0, bytes);
    }
}
