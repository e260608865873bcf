package dev.authsvc.query.config;

import dev.authsvc.web.ProblemDetailsConfiguration;
import dev.authsvc.web.ProblemDetailsConfiguration.BodySizeLimit;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryProperties.class)
@EnableScheduling
@Import(ProblemDetailsConfiguration.class)
public class QueryServiceConfiguration {

    /** The one clock every expiry, rotation and grace period is measured with (tests move it). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Before everything else: no filter reads a body over the limit. */
    @Bean
    BodySizeLimit bodySizeLimit(QueryProperties properties) {
        return new BodySizeLimit(properties.maxBodySize(), Ordered.HIGHEST_PRECEDENCE);
    }
}
