package dev.authsvc.command.user.infrastructure;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin roster's processor is a subscribing one whose errors propagate: the roster is written in the command's
 * own transaction, and a roster that cannot be written fails the command rather than drifting from the events.
 */
@Configuration(proxyBeanMethods = false)
class AdminRosterConfiguration {

    @Bean
    ConfigurerModule adminRosterProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(AdminRosterProjection.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(AdminRosterProjection.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
