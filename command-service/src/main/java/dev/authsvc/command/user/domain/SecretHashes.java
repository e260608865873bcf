package dev.authsvc.command.user.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Compares keyed hashes of codes and tokens in constant time, so a wrong guess takes as long as any other. */
final class SecretHashes {

    private SecretHashes() {
    }

    static boolean match(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
