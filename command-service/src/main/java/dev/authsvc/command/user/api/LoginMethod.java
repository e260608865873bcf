package dev.authsvc.command.user.api;

/** How a user proved who they are; becomes the JWT {@code amr} claim ({@code otp} or {@code pwd}). */
public enum LoginMethod {
    OTP, PASSWORD
}
