package dev.authsvc.query.rebuild;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RebuildProperties.class)
class RebuildConfiguration {
}
