package dev.authsvc.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The problem-details wiring every HTTP service shares, imported by each ({@code @Import}): Tomcat's own error
 * answers as problems ({@link ProblemErrorReports}) and the body-size limit ({@link BodySizeLimitFilter}) at the
 * place in the filter chain the service's {@link BodySizeLimit} bean names. Each service's
 * {@code @RestControllerAdvice} extends {@link BaseProblemDetailsAdvice} for the rest.
 */
@Configuration(proxyBeanMethods = false)
public class ProblemDetailsConfiguration {

    /** How large a request body may be, in bytes, and where the filter that enforces it stands. */
    public record BodySizeLimit(long bytes, int filterOrder) {
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(BodySizeLimit limit) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(limit.bytes()));
        registration.setOrder(limit.filterOrder());
        return registration;
    }

    /** Tomcat's own error answers (headers too large, say) as problems too. */
    @Bean
    ProblemErrorReports problemErrorReports() {
        return new ProblemErrorReports();
    }
}
