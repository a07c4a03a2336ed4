package dev.migrationledger.ledger.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VersionTest {

    private static Version v(String text) {
        return Version.parse(text);
    }

    @Test
    void segmentsAreComparedNumerically() {
        List<String> sorted = Stream.of("10", "2", "1.2", "1", "1.1").map(Version::parse).sorted()
                .map(Version::key).toList();
        assertThat(sorted).containsExactly("1", "1.1", "1.2", "2", "10");
    }

    @Test
    void underscoresSeparateSegmentsLikeDots() {
        assertThat(v("1_12_15")).isEqualTo(v("1.12.15"));
        assertThat(v("1_12_15").key()).isEqualTo("1.12.15");
    }

    @Test
    void trailingZeroSegmentsAreIgnored() {
        assertThat(v("1.0")).isEqualTo(v("1")).hasSameHashCodeAs(v("1"));
        assertThat(v("1.0.0").key()).isEqualTo("1");
        assertThat(v("1.0").compareTo(v("1"))).isZero();
    }

    @Test
    void leadingZerosAndAFlywayPrefixDoNotChangeTheVersion() {
        assertThat(v("V01.002").key()).isEqualTo("1.2");
        assertThat(v("v2026.02.25.1200").key()).isEqualTo("2026.2.25.1200");
    }

    @Test
    void repeatablesSortAfterEveryVersionByName() {
        List<String> sorted = Stream.of("R__views", "999999", "R__functions", "1").map(Version::parse).sorted()
                .map(Version::key).toList();
        assertThat(sorted).containsExactly("1", "999999", "R__functions", "R__views");
        assertThat(v("R__views").isRepeatable()).isTrue();
        assertThat(v("1").isRepeatable()).isFalse();
    }

    @Test
    void veryLargeSegmentsAreCompared() {
        assertThat(v("20260225120000000000").compareTo(v("20260225119999999999"))).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1.a", "1..2", ".1", "1.", "-1", "1-2", "V", "R__", "R__a/b", "1 2"})
    void invalidVersionsAreRejected(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Version.parse(text));
    }

    @Test
    void aMissingVersionIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Version.parse(null));
    }

    @Test
    void anOverlongVersionIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("1.".repeat(100) + "1"));
    }
}
