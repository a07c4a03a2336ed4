package dev.migrationledger.service.projection.drift;

import java.time.Instant;
import java.util.List;

/**
 * How two environments of a project differ: what {@code from} has that {@code to} lacks
 * ({@code missing}), what {@code to} has that {@code from} never got ({@code extra}), and what both
 * have with different checksums. {@code since} is when the difference began: the apply that created it.
 */
public record EnvironmentDrift(String project, String from, String to, long lastIndex,
                               List<Difference> missing, List<Difference> extra, List<Difference> checksumDiffers) {

    public record Difference(String version, String fromChecksum, Instant fromAppliedAt,
                             String toChecksum, Instant toAppliedAt, Instant since) {
    }
}
