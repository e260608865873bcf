package dev.authsvc.command.config;

import dev.authsvc.command.user.api.Role;
import dev.authsvc.web.ProblemDetailsConfiguration;
import dev.authsvc.web.ProblemDetailsConfiguration.BodySizeLimit;
import dev.authsvc.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.client.RestTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
@Import(ProblemDetailsConfiguration.class)
public class SecurityConfiguration {

    static final String ROLE_CLAIM = "role";

    /** Service-to-service paths: only a caller presenting the configured credential gets in. */
    @Bean
    @Order(1)
    SecurityFilterChain internalChain(HttpSecurity http, AuthProperties properties) throws Exception {
        return http.securityMatcher("/internal/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ServiceCredentialFilter(properties.internal().credential()),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(ServiceCredentialFilter.ROLE))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> writeProblem(response,
                                HttpStatus.UNAUTHORIZED, "A valid service credential is required."))
                        .accessDeniedHandler((request, response, e) -> writeProblem(response,
                                HttpStatus.UNAUTHORIZED, "A valid service credential is required.")))
                .build();
    }

    /** Public API: commands anyone may send, and account changes that need the user's access token. */
    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint tokenRequired = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            writeProblem(response, HttpStatus.UNAUTHORIZED, "A valid access token is required.");
        };
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.PUT, "/update-account").authenticated()
                        .requestMatchers(HttpMethod.POST, "/verify-phone").authenticated()
                        // Read-only history of every user: admins and auditors only (the token's role claim).
                        .requestMatchers("/audit/**").hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        // manager, employee and auditor tokens are answered 403 by the access-denied handler below
                        .requestMatchers("/admin/**").hasRole(ADMIN_ROLE)
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roleClaimConverter()))
                        .authenticationEntryPoint(tokenRequired)
                        // The configurer offers no setter for the filter's failure handler; its post-processor does.
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(new BearerTokenFailureHandler(tokenRequired));
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(tokenRequired)
                        .accessDeniedHandler((request, response, e) -> writeProblem(response,
                                HttpStatus.FORBIDDEN, "This is not allowed with your access token.")))
                .build();
    }

    /** The authority a token's {@code role} claim {@code admin} gives (Spring's {@code ROLE_} prefix added). */
    static final String ADMIN_ROLE = "ADMIN";

    /**
     * The token's {@code role} claim, when it names a known role, as the one authority {@code ROLE_<ROLE>}
     * ({@code "auditor"}: ROLE_AUDITOR); the claim is one value, never split into several.
     */
    static JwtAuthenticationConverter roleClaimConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> Role.parse(jwt.getClaimAsString(ROLE_CLAIM))
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .stream()
                .toList());
        return converter;
    }

    /**
     * Access tokens from the query side: ES256 only (so {@code alg=none} and HMAC confusion fail), keys from its
     * JWK Set (cached, fetched again on an unknown {@code kid}, within {@code jwkSetTimeout}), issuer, audience and
     * lifetime checked; a token accepted once is remembered for a while ({@link VerifiedJwtCache}).
     */
    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        // Bounded, so a query-service that hangs costs a request seconds (then 503), not a thread for good.
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.jwt().jwkSetTimeout());
        requests.setReadTimeout(properties.jwt().jwkSetTimeout());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwt().jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .restOperations(new RestTemplate(requests))
                .build();
        OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null
                && jwt.getAudience().contains(properties.jwt().audience())
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.jwt().issuer()), audience));
        return new VerifiedJwtCache(decoder, Clock.systemUTC(), properties.jwt().verifiedCacheSize());
    }

    /**
     * {@link #bcrypt} with its work bounded ({@link BoundedPasswordEncoder}): {@code auth.password.concurrent-hashes}
     * at once (0, the default: one per core), each waiting at most {@code auth.password.hashing-max-wait} for its
     * turn.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${auth.password.bcrypt-cost:12}") int cost,
            @Value("${auth.password.concurrent-hashes:0}") int concurrentHashes,
            @Value("${auth.password.hashing-max-wait:8s}") Duration maxWait, MeterRegistry meters) {
        int permits = concurrentHashes == 0 ? Runtime.getRuntime().availableProcessors() : concurrentHashes;
        return new BoundedPasswordEncoder(bcrypt(cost), permits, maxWait, meters);
    }

    /**
     * BCrypt (cost 12, the seed's) behind Spring Security's delegating encoder: hashes carry their algorithm
     * ({@code {bcrypt}}), so the cost or the algorithm can be raised and older hashes upgrade at the next login.
     */
    static PasswordEncoder bcrypt(int cost) {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(cost)));
    }

    /** Before everything else, the security filters too: no filter reads a body over the limit. */
    @Bean
    BodySizeLimit bodySizeLimit(AuthProperties properties) {
        return new BodySizeLimit(properties.maxBodySize(), Ordered.HIGHEST_PRECEDENCE);
    }

    static void writeProblem(HttpServletResponse response, HttpStatus status, String sentence) throws IOException {
        Problems.write(response, status, sentence);
    }
}
