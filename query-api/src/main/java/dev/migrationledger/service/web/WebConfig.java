package dev.migrationledger.service.web;

import dev.migrationledger.service.config.LedgerProperties;
import dev.migrationledger.service.problem.ProblemWriter;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
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
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ProblemWriter problems) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // the host adds a valve of this class by name only when its pipeline holds none: this one, which
                // writes with the application's ObjectMapper
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve(problems));
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
            ProblemDetail problem = RequestRefusal.firewall(rejected);
            if (problem.getStatus() == 405) {
                response.setHeader("Allow", RequestRefusal.ALLOWED_METHODS);
            }
            problems.write(request, response, problem);
        };
    }
}
