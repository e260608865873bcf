package dev.authsvc.query.token.web;

import dev.authsvc.query.token.key.SigningKeys;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class WellKnownConfiguration {

    /** {@code GET} and {@code HEAD} of the key set are answered by this filter before they reach the controller. */
    @Bean
    FilterRegistrationBean<JwkSetFilter> jwkSetFilter(SigningKeys keys) {
        FilterRegistrationBean<JwkSetFilter> registration = new FilterRegistrationBean<>(new JwkSetFilter(keys));
        registration.addUrlPatterns(JwkSetFilter.PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2); // after the observation filter (+ 1)
        return registration;
    }
}
