package dev.migrationledger.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one schema-description contract the executor writes and the service checks (docs/drift.md). */
class SchemaDescriptionFormatTest {

    @Test
    void linesAreOrderedByTheirUtf8BytesNotByUtf16() {
        String astral = "table public.\uD83D\uDE00";   // U+1F600: a surrogate pair in UTF-16, F0 9F 98 80 in UTF-8
        String bmp = "table public.\uFF5E";            // U+FF5E: above the surrogates in UTF-16, EF BD 9E in UTF-8

        assertThat(bmp.compareTo(astral)).isPositive();
        assertThat(SchemaDescriptionFormat.canonical(List.of(astral, bmp, astral))).containsExactly(bmp, astral);
    }

    @Test
    void theFingerprintIsTheSha256OfTheLinesJoinedWithNewlines() {
        List<String> lines = SchemaDescriptionFormat.canonical(List.of("table public.b", "table public.a"));

        assertThat(SchemaDescriptionFormat.fingerprint(lines)).isEqualTo(Checksum.ofBytes(
                "table public.a\ntable public.b".getBytes(StandardCharsets.UTF_8)).hex());
    }

    @Test
    void differencesNameWhatAppearedAndWhatWasLostInLineOrder() {
        assertThat(SchemaDescriptionFormat.differences(List.of("table public.a", "table public.c"),
                List.of("table public.b", "table public.c"))).containsExactly("- table public.a", "+ table public.b");
    }
}
