package dev.authsvc.command.user.infrastructure;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link UserLookupUpdater} in a subscribing processor: Axon hands it the events while the command's unit of work
 * prepares its commit, right after they are appended, in the same transaction. Its errors propagate (Axon's
 * default would log and skip them), so a value taken by another user fails the command and nothing is stored.
 */
@Configuration(proxyBeanMethods = false)
class UserLookupConfiguration {

    @Bean
    UserLookupUpdater userLookupUpdater(UserLookup lookup) {
        return new UserLookupUpdater(lookup);
    }

    @Bean
    ConfigurerModule userLookupProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(UserLookupUpdater.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(UserLookupUpdater.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerErrorHandler(UserLookupUpdater.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
