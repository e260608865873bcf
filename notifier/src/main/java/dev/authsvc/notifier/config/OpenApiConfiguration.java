package dev.authsvc.notifier.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document served at {@code /v3/api-docs}: {@code GET /dev/outbox} when the dev outbox is on, else nothing. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI notifierOpenApi() {
        // Relative: "Try it out" calls the origin the document came from, the gateway's when read through its UI.
        return new OpenAPI()
                .addServersItem(new Server().url("/"))
                .info(new Info()
                        .title("notifier")
                        .version("v1")
                        .description("Sends the SMS and mails the user events ask for; the dev outbox lists them when no provider is set."));
    }
}
