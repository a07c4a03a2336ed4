package dev.migrationledger.service.config.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The PostgreSQL server programs bundled in the jar (io.zonky's binary artifacts from Maven Central:
 * initdb, pg_ctl, postgres), unpacked once into {@code LEDGER_HOME/pgsql}. Not under /tmp, as
 * io.zonky's test runner does: a temp cleaner could delete libraries a running server still loads,
 * and an operator needs a stable path to pg_ctl.
 */
public final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final String MARKER = ".bundle-sha256";

    private final Path root;
    private final String version;

    private PostgresBinaries(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    /** Unpacks the bundle into {@code root} unless the same bundle is already there. */
    public static synchronized PostgresBinaries unpackInto(Path root) {
        try {
            byte[] archive = bundledArchive();
            String digest = sha256(archive);
            Path marker = root.resolve(MARKER);
            if (!Files.isRegularFile(marker) || !Files.readString(marker).strip().equals(digest)) {
                // unpacked beside and moved in whole, so a kill while unpacking never leaves half a bundle in use
                long begin = System.nanoTime();
                Path staging = root.resolveSibling(root.getFileName() + ".unpacking");
                deleteTree(staging);
                extract(archive, staging);
                Files.writeString(staging.resolve(MARKER), digest);
                deleteTree(root);
                Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
                log.info("Unpacked the bundled PostgreSQL into {} in {} ms", root,
                        Duration.ofNanos(System.nanoTime() - begin).toMillis());
            }
            PostgresBinaries binaries = new PostgresBinaries(root, null);
            return new PostgresBinaries(root, binaries.askVersion());
        } catch (IOException e) {
            throw new EmbeddedPostgresException("could not unpack the bundled PostgreSQL into " + root + ": " + e.getMessage(),
                    "make LEDGER_HOME writable (about 60 MB), or set LEDGER_DB_URL to use an external PostgreSQL", e);
        }
    }

    /** The directory holding {@code bin/}, {@code lib/} and {@code share/}. */
    public Path root() {
        return root;
    }

    /** "17.11" */
    public String version() {
        return version;
    }

    /** The major version ("17"), as a data directory's PG_VERSION file names it. */
    public String majorVersion() {
        return version.split("\\.")[0];
    }

    Path program(String name) {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        return root.resolve("bin").resolve(windows ? name + ".exe" : name);
    }

    private String askVersion() {
        PgCtl.Result result = new PgCtl(this).run(Duration.ofSeconds(30), "postgres", "-V");
        String output = result.output();
        if (!result.ok() || !output.contains(")")) {
            throw new EmbeddedPostgresException("the bundled PostgreSQL in " + root + " does not run: " + output,
                    "set LEDGER_DB_URL to use an external PostgreSQL (the bundle is built for " + system() + " "
                            + architecture() + ")");
        }
        return output.substring(output.lastIndexOf(')') + 1).strip();
    }

    private static byte[] bundledArchive() throws IOException {
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
            if (in == null) {
                throw new EmbeddedPostgresException("this build bundles no PostgreSQL for " + system() + " " + architecture(),
                        "set LEDGER_DB_URL to use an external PostgreSQL");
            }
            return in.readAllBytes();
        } catch (IllegalStateException notBundled) {
            throw new EmbeddedPostgresException(notBundled.getMessage(), "set LEDGER_DB_URL to use an external PostgreSQL");
        }
    }

    /** The names io.zonky's artifacts use: Linux, Darwin, Windows; x86_64, arm_64… */
    private static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.startsWith("windows") ? "Windows" : os.startsWith("mac") ? "Darwin" : "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static void extract(byte[] archive, Path into) throws IOException {
        Files.createDirectories(into);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("the bundle's entry " + entry.getName() + " points outside it");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(into.resolve(entry.getLinkName()).normalize(), target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().matches("(\\./)?bin/.*")) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version + " in " + root;
    }
}
