package dev.authsvc.command.user.api;

import java.time.Instant;

/** A user was created. The password hash (BCrypt through the delegating encoder) stays in the event store; it never reaches Kafka. */
public record UserRegistered(String userId, String firstName, String lastName, String email, String phoneNumber, Role role, String passwordHash, Instant registeredAt) {
}
