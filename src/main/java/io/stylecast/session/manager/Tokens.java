package io.stylecast.session.manager;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Unguessable identifiers: 128 random bits from a SecureRandom, as 32 hex digits. */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String random128() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** SHA-256 of a token, hex: what is kept, in memory and on disk, instead of the token. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code given} is the token whose hash is {@code expectedHash}, compared in constant time. */
    static boolean matches(String expectedHash, String given) {
        return given != null && expectedHash != null && MessageDigest.isEqual(
                expectedHash.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                hash(given).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
