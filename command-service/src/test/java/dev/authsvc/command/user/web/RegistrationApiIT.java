package dev.authsvc.command.user.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authsvc.command.support.ApiTestSupport;
import dev.authsvc.command.user.api.EmailVerificationRequested;
import dev.authsvc.command.user.api.Role;
import dev.authsvc.command.user.api.UserRegistered;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationApiIT extends ApiTestSupport {

    @Test
    void theSeedReadmesRegistrationBodyIsAccepted() {
        Response response = post("/register", """
                {
                  "first_name": "Akash",
                  "last_name": "Gupta",
                  "email": "akash.gupta@gmail.com",
                  "phone_number": "+1234567890",
                  "password": "secure_password",
                  "role": "employee"
                }""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("message")).isNotBlank();
        List<UserRegistered> registered = events(response.text("user_id"), UserRegistered.class);
        assertThat(registered).singleElement().satisfies(event -> {
            assertThat(event.email()).isEqualTo("akash.gupta@gmail.com");
            assertThat(event.phoneNumber()).isEqualTo("+1234567890");
            assertThat(event.role()).isEqualTo(Role.EMPLOYEE);
            assertThat(event.passwordHash()).startsWith("{bcrypt}").doesNotContain("secure_password");
        });
    }

    @Test
    void emailAndPhoneAreNormalizedAndAVerificationLinkIsIssued() {
        Response response = post("/register", """
                {"first_name": " Ada ", "last_name": "Lovelace", "email": "  Ada.Lovelace@Example.COM ",
                 "phone_number": "+44 (20) 7946-0958", "password": "analytical engine"}""");

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        String userId = response.text("user_id");
        UserRegistered registered = events(userId, UserRegistered.class).get(0);
        assertThat(registered.email()).isEqualTo("ada.lovelace@example.com");
        assertThat(registered.phoneNumber()).isEqualTo("+442079460958");
        assertThat(registered.firstName()).isEqualTo("Ada");
        assertThat(registered.role()).isEqualTo(Role.EMPLOYEE);
        assertThat(events(userId, EmailVerificationRequested.class)).hasSize(1);
        assertThat(latestEmailToken(userId)).hasSize(43);
    }

    @Test
    void aTakenEmailIsAConflictNamingTheField() {
        String email = uniqueEmail();
        registerUser(email, uniquePhone(), "correct horse battery");

        Response again = post("/register", """
                {"first_name": "B", "last_name": "C", "email": "%s", "phone_number": "%s",
                 "password": "correct horse battery"}""".formatted(email.toUpperCase(), uniquePhone()));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.text("field")).isEqualTo("email");
        assertThat(again.text("error")).isNotBlank();
    }

    @Test
    void aTakenPhoneIsAConflictAndTheEmailStaysFree() {
        String phone = uniquePhone();
        registerUser(uniqueEmail(), phone, "correct horse battery");
        String email = uniqueEmail();

        Response again = post("/register", """
                {"first_name": "B", "last_name": "C", "email": "%s", "phone_number": "%s",
                 "password": "correct horse battery"}""".formatted(email, phone));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("field")).isEqualTo("phone_number");
        // The email claimed before the phone failed was rolled back with it.
        registerUser(email, uniquePhone(), "correct horse battery");
    }

    @Test
    void aRoleOtherThanTheSelfAssignableOnesIsRefused() {
        Response response = post("/register", """
                {"first_name": "Eve", "last_name": "Admin", "email": "%s", "phone_number": "%s",
                 "password": "correct horse battery", "role": "admin"}""".formatted(uniqueEmail(), uniquePhone()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("field")).isEqualTo("role");
    }

    @Test
    void theManagerRoleIsRefusedToo_byDefaultOnlyEmployeeIsSelfAssignable() {
        Response response = post("/register", """
                {"first_name": "Max", "last_name": "Boss", "email": "%s", "phone_number": "%s",
                 "password": "correct horse battery", "role": "manager"}""".formatted(uniqueEmail(), uniquePhone()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("field")).isEqualTo("role");
    }

    @Test
    void anUnknownRoleIsRefused() {
        Response response = post("/register", """
                {"first_name": "Eve", "last_name": "X", "email": "%s", "phone_number": "%s",
                 "password": "correct horse battery", "role": "superuser"}""".formatted(uniqueEmail(), uniquePhone()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("field")).isEqualTo("role");
    }

    @Test
    void aCommonPasswordIsRefusedWithoutEchoingIt() {
        Response response = post("/register", """
                {"first_name": "Bob", "last_name": "Weak", "email": "%s", "phone_number": "%s",
                 "password": "password123"}""".formatted(uniqueEmail(), uniquePhone()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("field")).isEqualTo("password");
        assertThat(response.raw().body()).doesNotContain("password123");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Response response = post("/register", "{\"first_name\": \"Akash\", ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("error")).contains("JSON");
    }

    @Test
    void aWrongTypeIsABadRequestNamingTheField() {
        Response response = post("/register", """
                {"first_name": {"nested": true}, "last_name": "Gupta", "email": "a@b.co",
                 "phone_number": "+1234567890", "password": "secure_password"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("field")).isEqualTo("first_name");
    }

    @Test
    void aMissingFieldIsABadRequestNamingIt() {
        Response response = post("/register", """
                {"first_name": "Akash", "last_name": "Gupta", "email": "a@b.co", "password": "secure_password"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("field")).isEqualTo("phone_number");
    }

    @Test
    void invalidValuesAreBadRequestsNamingTheField() {
        String valid = """
                {"first_name": "A", "last_name": "B", "email": "%s", "phone_number": "%s", "password": "secure_password"}""";
        assertThat(post("/register", valid.formatted("not-an-email", uniquePhone())).text("field")).isEqualTo("email");
        assertThat(post("/register", valid.formatted(uniqueEmail(), "12345")).text("field")).isEqualTo("phone_number");
        Response longName = post("/register", valid.replace("\"A\"", "\"" + "x".repeat(101) + "\"")
                .formatted(uniqueEmail(), uniquePhone()));
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.text("field")).isEqualTo("first_name");
    }

    @Test
    void namesOfOneAndOfOneHundredCharacters_areAccepted_andAnEmptyNameIsNot() {
        String body = """
                {"first_name": "%s", "last_name": "%s", "email": "%s", "phone_number": "%s",
                 "password": "correct horse battery"}""";

        Response shortest = post("/register", body.formatted("A", "B", uniqueEmail(), uniquePhone()));
        Response longest = post("/register", body.formatted("x".repeat(100), "y".repeat(100), uniqueEmail(),
                uniquePhone()));
        Response empty = post("/register", body.formatted("", "B", uniqueEmail(), uniquePhone()));
        Response blank = post("/register", body.formatted("A", "   ", uniqueEmail(), uniquePhone()));

        assertThat(shortest.status()).as(shortest.raw().body()).isEqualTo(200);
        assertThat(longest.status()).as(longest.raw().body()).isEqualTo(200);
        assertThat(events(longest.text("user_id"), UserRegistered.class)).singleElement()
                .satisfies(event -> assertThat(event.firstName()).hasSize(100));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("field")).isEqualTo("first_name");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.text("field")).isEqualTo("last_name");
    }

    @Test
    void unknownFieldsAreIgnored() {
        Response response = post("/register", """
                {"first_name": "Grace", "last_name": "Hopper", "email": "%s", "phone_number": "%s",
                 "password": "cobol forever", "favourite_colour": "blue"}""".formatted(uniqueEmail(), uniquePhone()));

        assertThat(response.status()).isEqualTo(200);
    }

    /** Security rule (docs/security-rules.md): bodies over 64 KiB are 413; one of exactly 64 KiB is read like any other. */
    @Test
    void aBodyOfExactly64KiB_isRead_andOneByteMoreIs413() {
        String registration = """
                {"first_name": "Big", "last_name": "Body", "email": "%s", "phone_number": "%s",
                 "password": "correct horse battery"}""".formatted(uniqueEmail(), uniquePhone());
        String exactly64KiB = registration + " ".repeat(64 * 1024 - registration.length());
        String oneByteMore = exactly64KiB + " ";

        Response atTheLimit = post("/register", exactly64KiB);
        Response overTheLimit = post("/register", oneByteMore);
        Response overTheLimitChunked = send(request("/register").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(oneByteMore.getBytes(StandardCharsets.UTF_8)))));

        assertThat(exactly64KiB.getBytes(StandardCharsets.UTF_8)).hasSize(65_536);
        assertThat(atTheLimit.status()).as(atTheLimit.raw().body()).isEqualTo(200);
        assertThat(overTheLimit.status()).isEqualTo(413);
        assertThat(overTheLimitChunked.status()).isEqualTo(413);
    }

    @Test
    void aTwoMegabyteBodyIsRefusedWith413() {
        String huge = "{\"first_name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        Response response = post("/register", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text("error")).isNotBlank();
    }

    @Test
    void aTwoMegabyteChunkedBodyIsRefusedWith413() {
        byte[] huge = ("{\"first_name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes();

        Response response = send(request("/register").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(huge))));

        assertThat(response.status()).isEqualTo(413);
    }
}
