package dev.authsvc.command.user.web;

/** The seed's answer shape: {@code {"message": "..."}}. */
record MessageResponse(String message) {
}
