package dev.migrationledger.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written Instant text is Instant.toString's, for every instant (checked on random ones and the edges). */
class InstantJsonTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, InstantJson.INSTANCE));

    @Test
    void everyInstantIsWrittenAsItsToString() throws Exception {
        Random random = new Random(20261203);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertThat(mapper.writeValueAsString(instant)).isEqualTo("\"" + instant + "\"");
        }
    }

    @Test
    void theWebMapperWritesInstantsWithIt() throws Exception {
        org.springframework.http.converter.json.Jackson2ObjectMapperBuilder builder =
                new org.springframework.http.converter.json.Jackson2ObjectMapperBuilder();
        new AxonConfig().webJsonDefaults().customize(builder);
        ObjectMapper web = builder.build();

        assertThat(web.getSerializerProviderInstance().findValueSerializer(Instant.class)).isSameAs(InstantJson.INSTANCE);
        assertThat(web.writeValueAsString(Instant.parse("2026-12-03T14:00:00.120Z"))).isEqualTo("\"2026-12-03T14:00:00.120Z\"");
    }

    @Test
    void theEdgesOfFourDigitYearsAndBeyond() throws Exception {
        for (Instant instant : List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z").minusNanos(1), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1), Instant.parse("2026-12-03T14:00:00.1Z"),
                Instant.parse("2024-02-29T23:59:59.000001Z"), Instant.parse("1969-12-31T23:59:59.999Z"))) {
            assertThat(mapper.writeValueAsString(instant)).isEqualTo("\"" + instant + "\"");
        }
    }
}
