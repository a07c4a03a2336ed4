package dev.migrationledger.service.web;

import dev.migrationledger.service.config.LedgerProperties;
import dev.migrationledger.service.problem.Problem;
import dev.migrationledger.service.problem.ProblemWriter;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

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

    /** Outermost: an error status some handler set without a body still gets a problem. */
    @Bean
    public FilterRegistrationBean<BareErrorProblemFilter> bareErrorProblems(ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new BareErrorProblemFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /** Tomcat's own refusals (before Spring runs) are problems too; see ProblemErrorReportValve. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /**
     * Spring Security's firewall refuses suspicious paths (encoded slashes, "..", ";"), methods, and
     * parameter or header names and values with control characters: a 4xx problem saying which.
     */
    @Bean
    public RequestRejectedHandler problemForRejectedRequests(ProblemWriter problems) {
        return (request, response, rejected) -> {
            Problem problem = RequestRefusal.firewall(rejected);
            if (problem.status() == 405) {
                response.setHeader("Allow", RequestRefusal.ALLOWED_METHODS);
            }
            problems.write(response, problem);
        };
    }
}
