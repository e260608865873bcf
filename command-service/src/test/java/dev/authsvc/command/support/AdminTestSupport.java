package dev.authsvc.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.user.api.Password;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.application.AccountService;
import dev.authsvc.command.user.application.AccountService.Registration;
import java.net.http.HttpRequest;
import org.springframework.beans.factory.annotation.Autowired;

/** Admins and signed-in users for the admin tests: real accounts, real logins, tokens with their role claim. */
public abstract class AdminTestSupport extends ApiTestSupport {

    protected static final String PASSWORD = "correct horse battery";

    @Autowired
    protected AccountService accounts;

    /** A signed-in user: its id, email, phone, the session its login started and an access token of it. */
    public record SignedIn(String userId, String email, String phone, String sessionId, String token) {
    }

    /** Creates an admin the way the bootstrap admin is made, and logs it in. */
    protected SignedIn newAdmin() {
        String email = uniqueEmail();
        String phone = uniquePhone();
        assertThat(accounts.registerBootstrapAdmin(new Registration("Ada", "Admin", email, phone, Role.ADMIN,
                new Password(PASSWORD)))).isTrue();
        return logIn(email, phone, "admin");
    }

    /** Registers a user (role employee) and logs it in with a token carrying {@code roleClaim}. */
    protected SignedIn newUser(String roleClaim) {
        String email = uniqueEmail();
        String phone = uniquePhone();
        registerUser(email, phone, PASSWORD);
        return logIn(email, phone, roleClaim);
    }

    protected SignedIn logIn(String email, String phone, String roleClaim) {
        Response login = passwordLogin(email, PASSWORD);
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        String userId = login.text("user_id");
        String sessionId = login.text("session_id");
        return new SignedIn(userId, email, phone, sessionId,
                TestTokens.accessToken(userId, sessionId, claims -> claims.claim("role", roleClaim)));
    }

    protected Response delete(String path, String bearer) {
        HttpRequest.Builder builder = request(path).DELETE();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder);
    }

    /** Sends {@code method} to {@code path} with an empty JSON body where one is allowed. */
    protected Response call(String method, String path, String json, String bearer) {
        return switch (method) {
            case "PUT" -> put(path, json, bearer);
            case "DELETE" -> delete(path, bearer);
            default -> bearer == null ? post(path, json) : post(path, json, bearer);
        };
    }
}
