package dev.migrationledger.executor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged CLI carries what it runs and nothing of the service: ledger-core's Axon dependency is optional, so
 * neither Axon nor Spring reaches {@code ledger.jar}. Run by failsafe, after {@code package}.
 */
class LedgerJarIT {

    private static final Path CLI = Path.of(System.getProperty("ledger.cli.jar", "target/ledger.jar")).toAbsolutePath();

    @Test
    void theShadedJarHoldsNoAxonOrSpringClass() throws IOException {
        assertThat(Files.isRegularFile(CLI)).as("%s is built by `package`", CLI).isTrue();
        try (JarFile jar = new JarFile(CLI.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("dev/migrationledger/executor/cli/LedgerCommand.class",
                "dev/migrationledger/ledger/integrity/ReceiptVerifier.class");
            assertThat(names).filteredOn(n -> n.startsWith("org/axonframework/") || n.startsWith("org/springframework/"))
                .isEmpty();
        }
    }
}
