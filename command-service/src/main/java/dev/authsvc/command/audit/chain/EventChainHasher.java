package dev.authsvc.command.audit.chain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a chain link: SHA-256 over a canonical encoding of the stored event (identifiers, sequence, types,
 * time stamp as stored, the SHA-256 of the stored payload bytes and of the stored metadata bytes) and the previous
 * link's hash. Each field is written as a 4-byte big-endian length and its UTF-8 bytes (-1 for null), after a
 * version tag, so no two different field lists encode alike.
 *
 * <p>The payload enters as the digest of its bytes as stored. Erasing personal data by crypto-shredding (fields
 * encrypted under a per-user key when written, the key destroyed later) leaves those bytes, and so the chain,
 * untouched; rewriting them would break it, as any other edit does.
 */
public final class EventChainHasher {

    /** The previous hash of a user's first link. */
    public static final String GENESIS = "0".repeat(64);
    static final String VERSION = "authsvc-event-chain-v1";

    private EventChainHasher() {
    }

    public static ChainLink link(StoredEvent event, String previousHash) {
        String payloadDigest = digest(event.payload());
        String metaDataDigest = digest(event.metaData());
        return new ChainLink(event.aggregateIdentifier(), event.sequenceNumber(), event.eventIdentifier(),
                event.globalIndex(), payloadDigest, metaDataDigest, previousHash,
                hash(event, payloadDigest, metaDataDigest, previousHash));
    }

    /** The hash of {@code event} chained after {@code previousHash}, given the digests of its bytes. */
    public static String hash(StoredEvent event, String payloadDigest, String metaDataDigest, String previousHash) {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        for (String field : new String[] {VERSION, event.eventIdentifier(), event.aggregateIdentifier(),
                Long.toString(event.sequenceNumber()), event.type(), event.payloadType(), event.payloadRevision(),
                event.timeStamp(), payloadDigest, metaDataDigest, previousHash}) {
            write(canonical, field);
        }
        return HexFormat.of().formatHex(sha256().digest(canonical.toByteArray()));
    }

    /** SHA-256 of stored bytes in lower-case hex; no bytes (a null column) count as empty. */
    public static String digest(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes == null ? new byte[0] : bytes));
    }

    private static void write(ByteArrayOutputStream out, String field) {
        if (field == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
