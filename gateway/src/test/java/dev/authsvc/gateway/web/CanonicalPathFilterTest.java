package dev.authsvc.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login", "/reset-password/confirm", "/reset-password/AbC-_09xyz",
        "/.well-known/jwks.json", "/swagger-ui/index.html", "/actuator/health"})
    void plainPaths_areCanonical(String path) {
        assertThat(CanonicalPathFilter.fault(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%6cogin", "/log%69n", "/login;x=1", "/login;", "/login/", "//login", "/./login",
        "/x/../login", "/login/.", "/login/..", "/reset-password//confirm", "/%2e%2e/login", "/login%2F",
        "/log\\in", "/log in", "login", ""})
    void otherSpellings_areNot(String path) {
        assertThat(CanonicalPathFilter.fault(path)).isNotNull();
    }
}
