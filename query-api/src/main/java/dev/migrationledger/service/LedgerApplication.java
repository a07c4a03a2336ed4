package dev.migrationledger.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        // The product makes no network calls of its own: Axon's update checker reads this system property.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }
}
