package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.flyway.FlywayHistoryTable;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationScript;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.filesystem.FileSystemResource;

/**
 * Recognizes history rows a migration directory's files produced, for rows the executor did not apply:
 * a row whose Flyway checksum (CRC32) equals the file's, computed by Flyway's own calculator, ran that
 * file's content, so our SHA-256 of the file is the row's checksum. An internal Flyway class, but the
 * only one that computes the CRC32 exactly as the row holds it (per line, BOM and line ends stripped).
 */
public final class FlywayChecksums {

    private record Known(int flywayChecksum, String sha256) {
    }

    private final Map<String, Known> byKey = new HashMap<>();

    public FlywayChecksums(MigrationDirectory directory) {
        Location location = new Location("filesystem:" + directory.root().toAbsolutePath());
        for (MigrationScript script : directory.scripts()) {
            FileSystemResource resource = new FileSystemResource(location, script.path().toAbsolutePath().toString(),
                    StandardCharsets.UTF_8, false);
            byKey.put(script.version().key(), new Known(ChecksumCalculator.calculate(resource), script.checksum().hex()));
        }
    }

    /** Our SHA-256 for the row when its Flyway checksum matches the directory's file of the same key, else null. */
    public String sha256(FlywayHistoryTable.Row row) {
        Known known = byKey.get(row.key());
        return known != null && row.flywayChecksum() != null && known.flywayChecksum() == row.flywayChecksum()
                ? known.sha256() : null;
    }
}
