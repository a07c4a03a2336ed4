package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.domain.Version;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flyway migration file name: {@code V<version>__<description>.sql} or {@code R__<description>.sql}.
 * As in Flyway, the description is the part after the first {@code __} with underscores read as
 * spaces, and prefixes are case-sensitive.
 */
public record MigrationFileName(Version version, String description) {

    private static final Pattern VERSIONED = Pattern.compile("V([^_]+(?:_[^_]+)*?)__(.*)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");

    /** Flyway's undo migrations (Teams edition): never applied by a forward run, so not part of the plan. */
    public static boolean isUndo(String fileName) {
        return fileName.startsWith("U") && fileName.endsWith(".sql") && fileName.contains("__");
    }

    /** The migration a file name declares, or empty when Flyway would not take the file as a migration. */
    public static Optional<MigrationFileName> parse(String fileName) {
        Matcher repeatable = REPEATABLE.matcher(fileName);
        Matcher versioned = VERSIONED.matcher(fileName);
        try {
            if (repeatable.matches()) {
                return Optional.of(new MigrationFileName(Version.parse("R__" + repeatable.group(1)),
                        repeatable.group(1).replace('_', ' ')));
            }
            if (versioned.matches()) {
                return Optional.of(new MigrationFileName(Version.parse(versioned.group(1)),
                        versioned.group(2).replace('_', ' ')));
            }
        } catch (IllegalArgumentException e) {
            // Not a version Flyway accepts either (V1a__x.sql): Flyway skips such files, and so do we.
        }
        return Optional.empty();
    }
}
