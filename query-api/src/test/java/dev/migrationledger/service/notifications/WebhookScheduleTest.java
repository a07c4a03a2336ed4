package dev.migrationledger.service.notifications;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry schedule and the signature, without a service. */
class WebhookScheduleTest {

    @Test
    void waitsDoubleFromTheFirstRetryUpToTheCap() {
        NotificationProperties defaults = new NotificationProperties(Duration.ofSeconds(10), Duration.ofHours(1), 30,
                Duration.ofSeconds(10), Duration.ofSeconds(1), 20);
        assertThat(defaults.retryAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.retryAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.retryAfter(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(defaults.retryAfter(9)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(defaults.retryAfter(10)).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.retryAfter(29)).isEqualTo(Duration.ofHours(1));
        // the 29 waits between 30 attempts: about 21 hours of a receiver being unreachable
        Duration total = Duration.ZERO;
        for (int failures = 1; failures < 30; failures++) {
            total = total.plus(defaults.retryAfter(failures));
        }
        assertThat(total).isBetween(Duration.ofHours(20), Duration.ofHours(22));
    }

    @Test
    void aScheduleThatCannotWorkIsRefusedAtStartup() {
        assertThatThrownBy(() -> new NotificationProperties(Duration.ofSeconds(10), Duration.ofSeconds(5), 30,
                Duration.ofSeconds(10), Duration.ofSeconds(1), 20)).hasMessageContaining("max-retry");
        assertThatThrownBy(() -> new NotificationProperties(Duration.ofSeconds(10), Duration.ofHours(1), 0,
                Duration.ofSeconds(10), Duration.ofSeconds(1), 20)).hasMessageContaining("max-attempts");
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBody() {
        // RFC 4231, test case 2
        assertThat(WebhookSignature.hmac("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(WebhookSignature.header("Jefe", 1764633600L, "{}"))
                .isEqualTo("t=1764633600,v1=" + WebhookSignature.hmac("Jefe", "1764633600.{}"));
    }
}
