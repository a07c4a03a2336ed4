package dev.migrationledger.executor.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real 84-file Marquez migration directory of {@code /work/shared/testdata}, wherever the build runs from. */
public final class MarquezCorpus {

    private MarquezCorpus() {
    }

    public static Path dir() {
        return Stream.of(Path.of("..", "..", "shared", "testdata", "corpus", "marquez"),
                        Path.of("/work/shared/testdata/corpus/marquez"))
                .map(p -> p.toAbsolutePath().normalize()).filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("the Marquez corpus (shared/testdata/corpus/marquez) is missing"));
    }
}
