package dev.authsvc.command.user.infrastructure;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link LoginCredentialUpdater} in a subscribing processor whose errors propagate: the row is written in the
 * command's transaction, and a row that cannot be written fails the command rather than drifting from the events.
 */
@Configuration(proxyBeanMethods = false)
class LoginCredentialConfiguration {

    @Bean
    LoginCredentialUpdater loginCredentialUpdater(LoginCredentials credentials) {
        return new LoginCredentialUpdater(credentials);
    }

    @Bean
    ConfigurerModule loginCredentialProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(LoginCredentialUpdater.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(LoginCredentialUpdater.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerErrorHandler(LoginCredentialUpdater.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
