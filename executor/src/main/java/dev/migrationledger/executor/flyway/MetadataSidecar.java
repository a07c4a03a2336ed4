package dev.migrationledger.executor.flyway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.migrationledger.ledger.domain.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * {@code ledger-metadata.toml} in the migration directory: the header metadata of scripts that must not change
 * because they are planned, applied or baselined somewhere (their checksum is pinned, R1). An entry is read
 * exactly like the script's header — same keys, aliases, values and checks ({@link ScriptHeaderParser}) — and
 * merged with it; an entry that says something else than the header is a usage error naming both.
 *
 * <pre>
 * version = 1
 *
 * [migrations."2.1"]
 * class = "destructive"
 * phase = "contract"
 * expands = "2"
 * </pre>
 *
 * Versions are TOML keys, so they are quoted: a bare {@code [migrations.2.1]} is the table {@code 2} holding
 * {@code 1}, which the reader names as such.
 */
public final class MetadataSidecar {

    public static final String FILE_NAME = "ledger-metadata.toml";
    public static final int FORMAT_VERSION = 1;

    /** Far above any real sidecar (thousands of entries); refusing more keeps a hostile file from exhausting memory. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    static final MetadataSidecar NONE = new MetadataSidecar(Map.of());

    /** Made on first use: most directories have no sidecar, and a TOML mapper is ~0.1 s of class loading. */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }

    /** One {@code [migrations."…"]} table: its key as written, and what it declares. */
    private record Entry(String key, ScriptHeader declared) {
    }

    private final Map<Version, Entry> entries;

    private MetadataSidecar(Map<Version, Entry> entries) {
        this.entries = entries;
    }

    /** The sidecar of a migration directory, or none when the directory has no {@value #FILE_NAME}. */
    static MetadataSidecar of(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return NONE;
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                throw new MigrationDirectoryException(FILE_NAME + " is not a file of at most " + MAX_BYTES
                        + " bytes; it holds one small [migrations.\"<version>\"] table per script");
            }
            return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MigrationDirectoryException("cannot read " + file + ": " + e.getMessage()
                    + "; check the file's permissions", e);
        }
    }

    /** @throws MigrationDirectoryException naming what is wrong, for any text that is not a valid sidecar */
    public static MetadataSidecar parse(String text) {
        JsonNode root;
        try {
            root = Toml.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw problem(e.getOriginalMessage() + "; fix the TOML syntax (versions are quoted keys: [migrations.\"2.1\"])");
        }
        if (root == null || !root.isObject()) {
            throw problem("the file is empty; it starts with 'version = " + FORMAT_VERSION + "'");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("version", "migrations").contains(name)) {
                throw problem("unknown key '" + name + "'; the file holds 'version = " + FORMAT_VERSION
                        + "' and [migrations.\"<version>\"] tables");
            }
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() != FORMAT_VERSION) {
            throw problem("'version = " + FORMAT_VERSION + "' is required (found " + (version == null ? "none" : version)
                    + "); a file of another version was written for another ledger");
        }
        JsonNode migrations = root.path("migrations");
        if (migrations.isMissingNode()) {
            return NONE;
        }
        if (!migrations.isObject()) {
            throw problem("'migrations' must be tables: [migrations.\"2.1\"]");
        }
        Map<Version, Entry> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = migrations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            Entry entry = entry(table.getKey(), table.getValue());
            Version parsed;
            try {
                parsed = Version.parse(table.getKey());
            } catch (IllegalArgumentException e) {
                throw problem("[migrations." + quoted(table.getKey()) + "]: " + e.getMessage());
            }
            Entry earlier = entries.putIfAbsent(parsed, entry);
            if (earlier != null) {
                throw problem("[migrations." + quoted(earlier.key()) + "] and [migrations." + quoted(entry.key())
                        + "] are the same version; keep one of them");
            }
        }
        return new MetadataSidecar(Map.copyOf(entries));
    }

    private static Entry entry(String key, JsonNode table) {
        String name = "[migrations." + quoted(key) + "]";
        if (!table.isObject()) {
            throw problem(name + " must be a table of header keys (class = \"destructive\" …)");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                throw problem(name + "." + field.getKey() + " is a table: quote a dotted version, "
                        + "[migrations.\"" + key + "." + field.getKey() + "\"]");
            }
            if (!value.isTextual() && !value.isIntegralNumber()) {
                throw problem(name + "." + field.getKey() + " must be a string, e.g. " + field.getKey() + " = \"…\"");
            }
            pairs.put(field.getKey(), value.asText());
        }
        ScriptHeader declared = ScriptHeaderParser.declared(pairs);
        if (!declared.issues().isEmpty()) {
            throw problem(name + ": " + declared.issues().get(0).message());
        }
        return new Entry(key, declared);
    }

    /** @throws MigrationDirectoryException for an entry whose version has no script in the directory */
    void requireScripts(Set<Version> versions) {
        entries.forEach((version, entry) -> {
            if (!versions.contains(version)) {
                throw problem("[migrations." + quoted(entry.key()) + "] names no migration of the directory; "
                        + "give the version of an existing V…__….sql (or R__….sql) file, or remove the entry");
            }
        });
    }

    /**
     * The script's metadata: its header, completed by its sidecar entry.
     *
     * @throws MigrationDirectoryException when they declare different values for one key
     */
    ScriptHeader declare(Version version, String fileName, ScriptHeader header) {
        Entry entry = entries.get(version);
        if (entry == null) {
            return header;
        }
        Merge merge = new Merge(fileName, entry);
        ScriptHeader sidecar = entry.declared();
        return new ScriptHeader(
                merge.pick("id", header.id(), sidecar.id()),
                merge.pick("author", header.author(), sidecar.author()),
                merge.pick("ticket", header.ticket(), sidecar.ticket()),
                merge.pick("risk", header.risk(), sidecar.risk()),
                merge.pick("rollout", header.rollout(), sidecar.rollout()),
                merge.pick("rollback", header.rollback(), sidecar.rollback()),
                merge.pick("phase", header.phase(), sidecar.phase()),
                merge.pick("expands", header.expands(), sidecar.expands()),
                merge.pick("class", header.changeClass(), sidecar.changeClass()),
                header.issues());
    }

    /** Takes each key from whichever declares it; both declaring it differently is refused. */
    private record Merge(String fileName, Entry entry) {

        private static final BiPredicate<Object, Object> SAME = (a, b) -> a instanceof String x && b instanceof String y
                ? x.equalsIgnoreCase(y) : Objects.equals(a, b);

        <T> T pick(String key, T inHeader, T inSidecar) {
            if (inHeader == null) {
                return inSidecar;
            }
            if (inSidecar != null && !SAME.test(inHeader, inSidecar)) {
                throw new MigrationDirectoryException(fileName + " declares " + key + "=" + text(inHeader)
                        + " in its header, but " + FILE_NAME + " [migrations." + quoted(entry.key()) + "] declares "
                        + key + "=" + text(inSidecar) + "; the script must not change, so leave " + key
                        + " out of the sidecar entry (it adds only what the header does not declare)");
            }
            return inHeader;
        }

        private static String text(Object value) {
            if (value instanceof Version v) {
                return v.value();
            }
            return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : value.toString();
        }
    }

    private static String quoted(String key) {
        return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static MigrationDirectoryException problem(String message) {
        return new MigrationDirectoryException(FILE_NAME + ": " + message);
    }
}
