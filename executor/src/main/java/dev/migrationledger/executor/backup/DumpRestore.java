package dev.migrationledger.executor.backup;

import dev.migrationledger.executor.lint.verify.ScratchDatabase;
import dev.migrationledger.executor.schema.CatalogReader;
import dev.migrationledger.executor.schema.SchemaFingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

/**
 * Restore-tests a pg_dump: restores it with the real {@code pg_restore} into a scratch database created for the
 * test, reads the restored schema's fingerprint the way {@code ledger migrate} and {@code ledger scan} read a
 * target's, counts the rows of every table, and drops the scratch database whatever happened.
 */
public final class DumpRestore {

    /** What the restore showed. */
    public record Result(String format, SchemaFingerprint schema, Map<String, Long> rowsByTable, long durationMs) {

        public long rows() {
            return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The dump did not restore cleanly; nothing may be recorded. */
    public static final class RestoreFailedException extends Exception {
        public RestoreFailedException(String message) {
            super(message);
        }
    }

    static final Duration TIMEOUT = Duration.ofHours(2);
    private static final int ERROR_LINES = 12;

    private final Path pgRestore;

    public DumpRestore(Path pgRestore) {
        this.pgRestore = pgRestore;
    }

    /** {@code custom} (pg_dump -Fc) or {@code directory} (pg_dump -Fd); anything else cannot be restore-tested. */
    public static String format(Path dump) throws IOException {
        if (Files.isDirectory(dump)) {
            if (!Files.isRegularFile(dump.resolve("toc.dat"))) {
                throw new IllegalArgumentException(dump + " is a directory without toc.dat, not a pg_dump -Fd dump");
            }
            return "directory";
        }
        if (!Files.isRegularFile(dump)) {
            throw new IllegalArgumentException(dump + " does not exist");
        }
        byte[] magic = new byte[5];
        try (InputStream in = Files.newInputStream(dump)) {
            if (in.readNBytes(magic, 0, 5) == 5 && "PGDMP".equals(new String(magic, StandardCharsets.US_ASCII))) {
                return "custom";
            }
        }
        throw new IllegalArgumentException(dump + " is not a pg_dump archive (custom or directory format); a plain "
                + "SQL dump cannot be restore-tested with pg_restore: dump with pg_dump -Fc or -Fd");
    }

    /**
     * @param serverUrl JDBC URL of a database on the server where the scratch database is created (CREATEDB needed)
     */
    public Result restore(Path dump, String serverUrl, String user, String password)
            throws IOException, SQLException, RestoreFailedException {
        String format = format(dump);
        long started = System.nanoTime();
        try (Connection server = DriverManager.getConnection(serverUrl, user, password);
             ScratchDatabase scratch = ScratchDatabase.create(server, serverUrl, user, password)) {
            runPgRestore(dump, scratch.url(), user, password);
            try (Connection restored = scratch.connect()) {
                Map<String, Long> rows = countRows(restored);
                SchemaFingerprint schema = CatalogReader.read(restored);
                return new Result(format, schema, rows, (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    private void runPgRestore(Path dump, String jdbcUrl, String user, String password)
            throws IOException, RestoreFailedException {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(pgRestore.toString(), "--exit-on-error", "--no-owner",
                "--no-privileges", "--single-transaction", "--host", uri.getHost(),
                "--port", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "--dbname", uri.getPath().substring(1)));
        if (user != null) {
            command.addAll(List.of("--username", user));
        }
        command.add("--no-password");
        command.add(dump.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (password != null) {
            // the environment, not the command line: other users of the machine see a process's arguments
            builder.environment().put("PGPASSWORD", password);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run " + pgRestore + " (" + e.getMessage()
                    + "); install the PostgreSQL client or name it with --pg-restore", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new RestoreFailedException("pg_restore did not finish within " + TIMEOUT);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RestoreFailedException("interrupted while pg_restore ran");
        }
        if (process.exitValue() != 0) {
            List<String> lines = output.lines().filter(l -> !l.isBlank()).limit(ERROR_LINES).toList();
            throw new RestoreFailedException("pg_restore exited with " + process.exitValue() + ": "
                    + String.join(" | ", lines));
        }
    }

    private static Map<String, Long> countRows(Connection restored) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = restored.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                     ORDER BY 1""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> rows = new TreeMap<>();
        for (String table : tables) {
            try (Statement st = restored.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                rows.put(table, rs.getLong(1));
            }
        }
        return rows;
    }
}
