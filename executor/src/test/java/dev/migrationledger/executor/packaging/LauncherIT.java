package dev.migrationledger.executor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code executor/bin/ledger}: the first run writes a class-data-sharing archive for this jar and JVM, later runs
 * map it; either way the user sees exactly what {@code java -jar ledger.jar} shows, with its exit code.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin/ledger").toAbsolutePath();
    private static final Path CLI = Path.of(System.getProperty("ledger.cli.jar", "target/ledger.jar")).toAbsolutePath();

    @TempDir
    Path cache;

    record Run(int exit, String out, String err) {
    }

    private Run run(String cds, String... args) throws IOException, InterruptedException {
        return run(CLI, cds, args);
    }

    private Run run(Path jar, String cds, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList());
        builder.environment().put("LEDGER_JAR", jar.toString());
        builder.environment().put("LEDGER_CDS_DIR", cache.toString());
        builder.environment().put("LEDGER_CDS", cds);
        Path out = Files.createTempFile(cache.getParent(), "out", ".txt");
        Path err = Files.createTempFile(cache.getParent(), "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }

    @Test
    void theFirstRunWritesTheArchiveAndEveryRunShowsWhatThePlainJarShows() throws Exception {
        Run plain = run("0", "--help");
        assertThat(archives()).isEmpty();

        Run first = run("1", "--help");
        assertThat(archives()).singleElement().satisfies(a -> assertThat(a.getFileName().toString()).matches("ledger-\\d+\\.jsa"));
        Run second = run("1", "--help");

        for (Run r : List.of(first, second)) {
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo(plain.out()).contains("Usage: ledger");
            assertThat(r.err()).as("no JVM message reaches the user").isEqualTo(plain.err());
        }
        Run usage = run("1", "migrate", "--no-such-option");
        assertThat(usage.exit()).as("the CLI's exit code passes through").isEqualTo(2);
        assertThat(usage.err()).contains("Usage: ledger migrate");
    }

    @Test
    void aRebuiltJarGetsItsOwnArchiveAndAnArchiveOfAnotherJarIsIgnoredQuietly(@TempDir Path build) throws Exception {
        Path jar = Files.copy(CLI, build.resolve("ledger.jar"));
        Run plain = run(jar, "0", "--help");
        run(jar, "1", "--help");
        Path old = archives().get(0);

        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(120)));
        run(jar, "1", "--help");
        assertThat(archives()).as("a new key for the rebuilt jar").hasSize(2);

        // the new key's archive replaced by the old jar's: the JVM refuses it, and the run is as without one
        Path fresh = archives().stream().filter(a -> !a.equals(old)).findFirst().orElseThrow();
        Files.copy(old, fresh, StandardCopyOption.REPLACE_EXISTING);
        Run stale = run(jar, "1", "--help");
        assertThat(stale.exit()).isZero();
        assertThat(stale.out()).isEqualTo(plain.out());
        assertThat(stale.err()).as("no JVM message reaches the user").isEqualTo(plain.err());
    }
}
