package dev.migrationledger.executor.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The real 84-file Marquez migration directory (Apache-2.0, see its SOURCE.md), kept in this module's test resources
 * so that the corpus tests run wherever the repository is cloned.
 */
public final class MarquezCorpus {

    private MarquezCorpus() {
    }

    public static Path dir() {
        URL corpus = MarquezCorpus.class.getResource("/corpus/marquez");
        if (corpus == null) {
            throw new IllegalStateException("the Marquez corpus is missing from executor/src/test/resources/corpus/marquez");
        }
        try {
            return Path.of(corpus.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
