package dev.authsvc.query.config;

import dev.authsvc.web.BodySizeLimitFilter;
import dev.authsvc.web.ProblemErrorReports;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryProperties.class)
@EnableScheduling
public class QueryServiceConfiguration {

    /** The one clock every expiry, rotation and grace period is measured with (tests move it). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(QueryProperties properties) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodySize()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Tomcat's own error answers (headers too large, say) as problems too. */
    @Bean
    ProblemErrorReports problemErrorReports() {
        return new ProblemErrorReports();
    }
}
