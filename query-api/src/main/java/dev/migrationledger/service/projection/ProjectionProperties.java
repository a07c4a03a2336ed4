package dev.migrationledger.service.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Read-side settings ({@code ledger.projections.*}); see docs/api.md, "Read your writes".
 *
 * @param readWait     how long a read with {@code minIndex} waits for the projections to reach it
 *                     before answering anyway, marked {@code Ledger-Stale: true}
 * @param recheckInterval how long a wait goes without a commit notification before it reads the tokens
 *                        anyway (see {@link ProcessorCommits})
 */
@ConfigurationProperties("ledger.projections")
public record ProjectionProperties(@DefaultValue("PT5S") Duration readWait,
                                   @DefaultValue("PT1S") Duration recheckInterval) {
}
