package dev.authsvc.command.user.api;

/**
 * The outcome of a bcrypt verification run before the user's lock was taken, and the hash it was run against.
 * Built only inside command-service ({@code AccountService}), never from a request: the aggregate takes the outcome
 * when {@code checkedHash} is still its password hash, and verifies again itself when it is not.
 */
public record PasswordCheck(String checkedHash, boolean matched) {

    @Override
    public String toString() {
        return "PasswordCheck[matched=" + matched + "]";
    }
}
