package dev.migrationledger.service.config.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code LEDGER_HOME/pgdata}: created by initdb on the first start, and from then on only ever
 * opened. A data directory is never deleted or initialised again, whatever state a crash left it in:
 * PostgreSQL's crash recovery owns it. A directory that is not a PostgreSQL data directory, or one of
 * another major version, is refused with a message instead.
 */
final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private final Path data;
    private final PgCtl pgCtl;
    private final PostgresBinaries binaries;

    DataDirectory(Path data, PgCtl pgCtl, PostgresBinaries binaries) {
        this.data = data;
        this.pgCtl = pgCtl;
        this.binaries = binaries;
    }

    void prepare() {
        try {
            Path version = data.resolve("PG_VERSION");
            if (Files.isRegularFile(version)) {
                String major = Files.readString(version).strip();
                if (!major.equals(binaries.majorVersion())) {
                    throw new EmbeddedPostgresException(data + " holds a PostgreSQL " + major + " cluster; this build "
                            + "bundles PostgreSQL " + binaries.version(), "run the service version that created it, or "
                            + "upgrade the cluster with that major version's pg_dump (docs/operations.md, backup and restore)");
                }
                return;
            }
            if (Files.isDirectory(data) && !empty(data)) {
                throw new EmbeddedPostgresException(data + " is not empty and is not a PostgreSQL data directory "
                        + "(no PG_VERSION)", "move it away if it is not the ledger's; nothing was changed in it");
            }
            initialise();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("could not prepare " + data + ": " + e.getMessage(),
                    "make LEDGER_HOME writable, or set LEDGER_DB_URL to use an external PostgreSQL", e);
        }
    }

    /**
     * initdb into a sibling directory that becomes pgdata only when complete: a kill during the very first
     * start leaves an unfinished directory that never held a fact, and the next start simply redoes it.
     */
    private void initialise() throws IOException {
        Path staging = data.resolveSibling(data.getFileName() + ".initdb");
        deleteUnfinished(staging);
        long begin = System.nanoTime();
        // data checksums: a torn or rotten page is reported instead of read as data
        PgCtl.Result result = pgCtl.run(Duration.ofMinutes(5), "initdb", "-D", staging.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C", "--data-checksums");
        if (!result.ok()) {
            throw new EmbeddedPostgresException("initdb failed for " + staging + ": " + result.output(),
                    "check free space and permissions in LEDGER_HOME, or set LEDGER_DB_URL to use an external PostgreSQL");
        }
        Files.deleteIfExists(data);
        Files.move(staging, data, StandardCopyOption.ATOMIC_MOVE);
        log.info("Created the embedded PostgreSQL {} data directory {} in {} ms", binaries.version(), data,
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    private static void deleteUnfinished(Path staging) throws IOException {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(staging)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static boolean empty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
