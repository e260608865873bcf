package dev.authsvc.command.user.web;

import dev.authsvc.web.InvalidFieldException;

/** First and last names: trimmed, 1 to 100 characters, no control characters. */
final class Names {

    static final int MAX_LENGTH = 100;

    private Names() {
    }

    static String check(String field, String value) {
        String trimmed = value.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < 1 || length > MAX_LENGTH) {
            throw new InvalidFieldException(field, "'" + field + "' must be 1 to " + MAX_LENGTH + " characters long.");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException(field, "'" + field + "' must not contain control characters.");
        }
        return trimmed;
    }

    /** Like {@link #check} for an optional field: null stays null. */
    static String checkOptional(String field, String value) {
        return value == null ? null : check(field, value);
    }
}
