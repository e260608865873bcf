package dev.authsvc.command.audit.application;

import tools.jackson.databind.JsonNode;

/**
 * One stored event as the audit API shows it: its place in the global stream ({@code position}) and in its user's
 * history ({@code sequence}), when it was stored, its type, its payload with secrets redacted, and who caused it.
 */
public record AuditEvent(long position, String userId, long sequence, String time, String type, JsonNode payload,
        RequestMetadata metadata) {

    /** The request an event came from, as {@code RequestMetadataInterceptor} stamped it; null where unknown. */
    public record RequestMetadata(String requestId, String clientAddress, String userAgent, String actingUserId) {
    }
}
