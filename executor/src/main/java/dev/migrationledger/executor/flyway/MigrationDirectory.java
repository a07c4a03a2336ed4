package dev.migrationledger.executor.flyway;

import dev.migrationledger.executor.sql.Assessment;
import dev.migrationledger.executor.sql.SchemaChange;
import dev.migrationledger.executor.sql.SqlSplitter;
import dev.migrationledger.executor.sql.SqlStatement;
import dev.migrationledger.executor.sql.StatementAnalyzer;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.ledger.domain.Version;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Flyway-format migration directory, read the way Flyway scans a filesystem location: recursively,
 * {@code .sql} files named {@code V…__…} or {@code R__…}; other files are ignored. Scripts are
 * sorted by {@link Version} (repeatables last, by name). Anything that would make Flyway and the
 * ledger disagree about the directory (two files for one version, a file that is not UTF-8 text) stops
 * the read with a {@link MigrationDirectoryException}. Metadata for scripts that must not change comes from
 * {@value MetadataSidecar#FILE_NAME} beside them, merged with each script's header ({@link MetadataSidecar}).
 */
public final class MigrationDirectory {

    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

    private final Path root;
    private final List<MigrationScript> scripts;
    private final List<String> ignoredSqlFiles;

    private MigrationDirectory(Path root, List<MigrationScript> scripts, List<String> ignoredSqlFiles) {
        this.root = root;
        this.scripts = scripts;
        this.ignoredSqlFiles = ignoredSqlFiles;
    }

    /** Scripts already read (a fuzz target's, a subset of a directory), as if they were the directory's. */
    public static MigrationDirectory of(Path root, List<MigrationScript> scripts) {
        return new MigrationDirectory(root, List.copyOf(scripts), List.of());
    }

    public static MigrationDirectory read(Path root) {
        return read(root, DEFAULT_MAX_FILE_BYTES);
    }

    public static MigrationDirectory read(Path root, long maxFileBytes) {
        return read(root, maxFileBytes, true);
    }

    /**
     * For {@code ledger migrate} and the history import: versions, checksums and headers only. Classifying every
     * statement (splitting, parsing) belongs to lint and plan, which judged these files before; on
     * migrate it took most of the ledger's own time. Such scripts carry no statements or changes, and
     * their class and risk are what the header declares (else the empty assessment's): nothing on the
     * migrate path reads them.
     */
    public static MigrationDirectory readForMigrate(Path root) {
        return read(root, DEFAULT_MAX_FILE_BYTES, false);
    }

    private static MigrationDirectory read(Path root, long maxFileBytes, boolean classify) {
        if (!Files.isDirectory(root)) {
            throw new MigrationDirectoryException("migration directory " + root
                    + " does not exist or is not a directory; pass the folder holding the V…__….sql files with --dir");
        }
        MetadataSidecar sidecar = MetadataSidecar.of(root);
        List<MigrationScript> scripts = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Map<Version, String> seen = new HashMap<>();
        for (Path file : sqlFiles(root)) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            String name = file.getFileName().toString();
            Optional<MigrationFileName> parsed = MigrationFileName.parse(name);
            if (parsed.isEmpty()) {
                if (!MigrationFileName.isUndo(name)) {
                    ignored.add(relative);
                }
                continue;
            }
            String earlier = seen.putIfAbsent(parsed.get().version(), relative);
            if (earlier != null) {
                throw new MigrationDirectoryException("duplicate migration version " + parsed.get().version()
                        + ": " + earlier + " and " + relative + "; give the one that has not run anywhere another version");
            }
            scripts.add(readScript(file, relative, parsed.get(), maxFileBytes, sidecar, classify));
        }
        sidecar.requireScripts(seen.keySet());
        scripts.sort(Comparator.comparing(MigrationScript::version));
        return new MigrationDirectory(root, List.copyOf(scripts), List.copyOf(ignored));
    }

    public Path root() {
        return root;
    }

    /** The migrations, in the order Flyway applies them. */
    public List<MigrationScript> scripts() {
        return scripts;
    }

    /** {@code .sql} files Flyway would silently skip because their names are not migration names. */
    public List<String> ignoredSqlFiles() {
        return ignoredSqlFiles;
    }

    public Optional<MigrationScript> find(Version version) {
        return scripts.stream().filter(s -> s.version().equals(version)).findFirst();
    }

    private static List<Path> sqlFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new MigrationDirectoryException("cannot list " + root + ": " + e.getMessage()
                    + "; check that the directory is readable", e);
        }
    }

    static MigrationScript readScript(Path file, String relative, MigrationFileName name, long maxFileBytes,
                                      MetadataSidecar sidecar, boolean classify) {
        return script(file, relative, name, readBytes(file, relative, maxFileBytes), sidecar, classify);
    }

    /** One script from its bytes, without a sidecar: what LintFuzzTest feeds any bytes to. */
    public static MigrationScript script(Path file, String relative, MigrationFileName name, byte[] bytes) {
        return script(file, relative, name, bytes, MetadataSidecar.NONE, true);
    }

    /**
     * One script from its bytes, read as {@link #read} reads each file: decoded strictly, header parsed and
     * completed from the sidecar, split into statements and classified.
     *
     * @throws MigrationDirectoryException when the bytes are not a script Flyway and the ledger agree on
     */
    static MigrationScript script(Path file, String relative, MigrationFileName name, byte[] bytes,
                                  MetadataSidecar sidecar, boolean classify) {
        String text = decode(bytes, relative);
        ScriptHeader header = sidecar.declare(name.version(), relative, ScriptHeaderParser.parse(text));
        List<SqlStatement> statements = List.of();
        if (classify) {
            try {
                statements = SqlSplitter.splitStrict(text);
            } catch (IllegalArgumentException unclosed) {
                throw new MigrationDirectoryException(relative + ": " + unclosed.getMessage()
                        + "; PostgreSQL would refuse this script: close it, or escape a quote inside a string as ''", unclosed);
            }
        }
        List<SchemaChange> changes = classify ? StatementAnalyzer.analyzeAll(statements) : List.of();
        Assessment inferred = Assessment.of(changes);
        return new MigrationScript(name.version(), name.description(), relative, file, bytes, Checksum.ofScript(bytes),
                text, header, statements, changes, inferred,
                header.changeClass() != null ? header.changeClass() : inferred.changeClass(),
                header.risk() != null ? header.risk() : inferred.risk(),
                header.phase() != null ? header.phase() : Phase.NONE,
                header.expands(),
                header.rollback() != null ? header.rollback() : RollbackStrategy.FORWARD_FIX,
                header.ticket(), header.author());
    }

    private static byte[] readBytes(Path file, String relative, long maxFileBytes) {
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw new MigrationDirectoryException(relative + " is " + size + " bytes, over the limit of "
                        + maxFileBytes + "; a schema migration that large is usually a data dump: load data another way");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MigrationDirectoryException("cannot read " + relative + ": " + e.getMessage()
                    + "; check the file's permissions", e);
        }
    }

    /** Decodes strictly: a lenient decoder would hash replacement characters instead of the real bytes. */
    private static String decode(byte[] bytes, String relative) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new MigrationDirectoryException(relative
                        + " contains NUL bytes, so it is binary, not an SQL script; remove it from the migration directory");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MigrationDirectoryException(relative
                    + " is not valid UTF-8; re-save it as UTF-8 (Flyway's default encoding) before it is planned", e);
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return text.replace("\r\n", "\n");
    }
}
