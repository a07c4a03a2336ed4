package dev.migrationledger.executor.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The wire JSON of the ledger API: tolerant of fields a newer service adds, compact on the way out, times as
 * RFC 3339 text (ISO_INSTANT: a time the executor truncated to milliseconds is written as it always was).
 */
public final class LedgerJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private LedgerJson() {
    }
}
