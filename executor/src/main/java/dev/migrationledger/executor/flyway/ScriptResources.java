package dev.migrationledger.executor.flyway;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * What Flyway reads instead of the directory: the bytes {@link MigrationDirectory} read once and checksummed.
 * The checksum the ledger authorizes and the SQL Flyway executes come from the same bytes, so a file edited
 * between authorization and apply cannot slip through, nor one Flyway would read differently. Only migration
 * scripts are served: SQL callback files ({@code afterMigrate.sql}…) are never planned or authorized, so they
 * never run.
 */
final class ScriptResources implements ResourceProvider {

    private final List<MigrationScript> scripts;

    ScriptResources(MigrationDirectory directory) {
        this.scripts = directory.scripts();
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.stream().filter(s -> s.fileName().equals(name)).findFirst().map(Script::new).orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return scripts.stream()
                .filter(s -> fileNameOf(s).startsWith(prefix) && Arrays.stream(suffixes).anyMatch(fileNameOf(s)::endsWith))
                .<LoadableResource>map(Script::new)
                .toList();
    }

    private static String fileNameOf(MigrationScript script) {
        return script.path().getFileName().toString();
    }

    /** One script as Flyway's filesystem location would present it, decoded as Flyway decodes files (UTF-8). */
    private static final class Script extends LoadableResource {

        private final MigrationScript script;

        Script(MigrationScript script) {
            this.script = script;
        }

        @Override
        public Reader read() {
            return new StringReader(new String(script.content(), StandardCharsets.UTF_8));
        }

        @Override
        public String getAbsolutePath() {
            return script.path().toAbsolutePath().toString();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return fileNameOf(script);
        }

        @Override
        public String getRelativePath() {
            return script.fileName();
        }
    }
}
