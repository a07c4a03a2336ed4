package dev.migrationledger.service.web;

import dev.migrationledger.service.config.LedgerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
public class WebConfig {

    /** Runs before security and parsing, so an oversized body costs nothing but its headers. */
    @Bean
    public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(LedgerProperties properties,
                                                                           ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
