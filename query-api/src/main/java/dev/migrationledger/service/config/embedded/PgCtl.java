package dev.migrationledger.service.config.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the bundled PostgreSQL programs (pg_ctl, initdb, postgres -V) and collects its output. */
final class PgCtl {

    /** What a program printed and how it ended; {@code exitCode} is -1 when it had to be killed. */
    record Result(int exitCode, String output) {

        boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * PostgreSQL refuses to run as root. As root on Linux (a container, a CI machine) its programs run in
     * a new user namespace ({@code unshare -U}), where they are nobody; outside they stay root, so files
     * and signals work as before.
     */
    private static final java.util.function.Supplier<List<String>> AS_ROOT = memoize(PgCtl::rootPrefix);

    private final PostgresBinaries binaries;

    PgCtl(PostgresBinaries binaries) {
        this.binaries = binaries;
    }

    Result run(Duration limit, String program, String... arguments) {
        List<String> command = new ArrayList<>(AS_ROOT.get());
        command.add(binaries.program(program).toString());
        command.addAll(List.of(arguments));
        Path output = null;
        try {
            // a file, not a pipe: the limit holds even if the program hangs with its output open
            output = Files.createTempFile("ledger-" + program, ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
            return new Result(ended ? process.exitValue() : -1, text);
        } catch (IOException e) {
            return new Result(-1, program + " could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, program + " was interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file; nothing depends on it
                }
            }
        }
    }

    private static List<String> rootPrefix() {
        Path self = Path.of("/proc/self");
        try {
            if (!Files.isDirectory(self) || ((Number) Files.getAttribute(self, "unix:uid")).intValue() != 0) {
                return List.of();
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException notUnix) {
            return List.of();
        }
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return List.of("unshare", "-U");
            }
        } catch (IOException e) {
            // no unshare: refused below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new EmbeddedPostgresException("PostgreSQL does not run as root, and this machine offers no user namespace "
                + "(unshare -U) to run it in", "run the service as another user, or set LEDGER_DB_URL to use an external PostgreSQL");
    }

    private static <T> java.util.function.Supplier<T> memoize(java.util.function.Supplier<T> supplier) {
        return new java.util.function.Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static java.io.File devNull() {
        return Path.of(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null").toFile();
    }
}
