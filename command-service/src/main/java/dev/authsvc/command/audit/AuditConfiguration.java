package dev.authsvc.command.audit;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which command metadata every resulting event keeps: Axon's trace and correlation ids, and the request's. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider requestMetadataProvider() {
        return new SimpleCorrelationDataProvider(RequestMetadataInterceptor.REQUEST_ID,
                RequestMetadataInterceptor.CLIENT_ADDRESS, RequestMetadataInterceptor.USER_AGENT,
                RequestMetadataInterceptor.ACTING_USER_ID);
    }
}
