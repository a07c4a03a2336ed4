package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The OASIS SARIF 2.1.0 schema (test resources), which every {@code --format sarif} output must satisfy. */
final class SarifSchema {

    private static final Schema SCHEMA = load();

    private SarifSchema() {
    }

    static List<Error> violations(JsonNode sarif) {
        return SCHEMA.validate(sarif);
    }

    private static Schema load() {
        try (InputStream in = SarifSchema.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
