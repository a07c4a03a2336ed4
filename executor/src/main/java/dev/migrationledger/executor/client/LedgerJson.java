package dev.migrationledger.executor.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The wire JSON of the ledger API: tolerant of fields a newer service adds, compact on the way out. */
public final class LedgerJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private LedgerJson() {
    }
}
