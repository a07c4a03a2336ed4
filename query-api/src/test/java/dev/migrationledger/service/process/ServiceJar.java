package dev.migrationledger.service.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code query-api.jar}, extracted once per test run with Spring Boot's own
 * {@code -Djarmode=tools extract} (the layout Spring recommends for production). The process tests
 * restart the service dozens of times; the extracted jar starts markedly faster than the nested one,
 * and it is the same build.
 */
final class ServiceJar {

    private static Path extracted;

    private ServiceJar() {
    }

    static synchronized Path extracted() {
        if (extracted == null) {
            extracted = extract(packaged());
        }
        return extracted;
    }

    /**
     * A fresh LEDGER_HOME under target/, not /tmp: the service's logs stay next to the test reports for
     * a look after a failure, and `mvn clean` removes them.
     */
    static Path newHome(String purpose) {
        try {
            Path homes = packaged().resolveSibling("process-it").resolve("homes");
            Files.createDirectories(homes);
            return Files.createTempDirectory(homes, purpose + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path packaged() {
        Path jar = Paths.get(System.getProperty("ledger.service.jar", "target/query-api.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: process tests run after `package` "
                    + "(./mvnw -B verify, or -pl query-api -am verify)");
        }
        return jar;
    }

    private static Path extract(Path jar) {
        try {
            Path destination = jar.resolveSibling("process-it").resolve("app-" + Files.getLastModifiedTime(jar).toMillis());
            Path launcher = destination.resolve("query-api.jar");
            if (Files.isRegularFile(launcher)) {
                return launcher;
            }
            Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", destination.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || !Files.isRegularFile(launcher)) {
                throw new IllegalStateException("could not extract " + jar + " into " + destination);
            }
            return launcher;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
