package dev.authsvc.command.audit.application;

import java.util.List;

/** A page of the global stream; {@code nextAfter} is the {@code after} of the next page (null: nothing more yet). */
public record AuditPage(List<AuditEvent> events, Long nextAfter) {
}
