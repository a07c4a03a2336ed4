package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.ledger.api.AuthorizationGrant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ledger verify} proves that an apply ran under the signed authorization its receipt includes. */
class SignedAuthorizationReceiptTest {

    private static final Instant AT = SignedAuthorizationTest.AT;
    private static final Instant EXPIRES = AT.plusSeconds(3600);
    private static final String C = ReceiptFixture.CHECKSUM;

    private static String authorizationJson(String checksum, Instant expiresAt) {
        return "{\"executionId\":\"ex-1\",\"actor\":\"ci\",\"migrations\":[{\"version\":\"1.1\",\"checksum\":\"" + checksum
                + "\"}],\"expiresAt\":\"" + expiresAt + "\"}";
    }

    private static String appliedJson(String digest, Instant startedAt) {
        return "{\"version\":\"1.1\",\"checksum\":\"" + C + "\",\"executionId\":\"ex-1\",\"authorizationId\":\"ex-1\","
                + (digest == null ? "" : "\"authorizationDigest\":\"" + digest + "\",")
                + "\"startedAt\":\"" + startedAt + "\",\"actor\":\"ci\"}";
    }

    private static Verdict verify(AuthorizationGrant signed, LogSigningKey signer, String appliedJson,
                                  LogPublicKey... keys) {
        DsseEnvelope envelope = SignedAuthorization.sign(signed, signer);
        ReceiptFixture fixture = new ReceiptFixture("bob", C, authorizationJson(C, EXPIRES), appliedJson, envelope);
        return new ReceiptVerifier(List.of(keys)).verify(fixture.receipt().toJson(), null);
    }

    private static AuthorizationGrant grant(String executionId, String checksum) {
        return SignedAuthorizationTest.grant(executionId, checksum, EXPIRES);
    }

    private static String digestOf(AuthorizationGrant grant) {
        return SignedAuthorization.digest(SignedAuthorization.sign(grant, ReceiptFixture.KEY));
    }

    private static List<String> failed(Verdict verdict) {
        return verdict.failures().stream().map(Verdict.Check::name).toList();
    }

    @Test
    void anApplyUnderItsSignedAuthorizationIsProven() {
        AuthorizationGrant grant = grant("ex-1", C);
        Verdict verdict = verify(grant, ReceiptFixture.KEY, appliedJson(digestOf(grant), AT.plusSeconds(60)),
                ReceiptFixture.KEY.publicKey());

        assertThat(verdict.failures()).isEmpty();
        assertThat(verdict.render()).contains("PASS signed authorization signature",
                "PASS signed authorization is the one at leaf", "PASS the apply names the included signed authorization",
                "PASS signed authorization unexpired when the apply started");
    }

    @Test
    void anAuthorizationSignedByAnotherKeyIsNotProven() {
        AuthorizationGrant grant = grant("ex-1", C);
        LogSigningKey other = LogSigningKey.generate(ReceiptFixture.ORIGIN);
        Verdict verdict = verify(grant, other, appliedJson(digestOf(grant), AT.plusSeconds(60)), ReceiptFixture.KEY.publicKey());

        assertThat(failed(verdict)).containsExactly("signed authorization signature");
    }

    @Test
    void anAuthorizationSignedBeforeARotationIsProvenWithBothKeys() {
        AuthorizationGrant grant = grant("ex-1", C);
        LogSigningKey retired = LogSigningKey.generate(ReceiptFixture.ORIGIN);
        Verdict verdict = verify(grant, retired, appliedJson(SignedAuthorization.digest(SignedAuthorization.sign(grant, retired)),
                AT.plusSeconds(60)), ReceiptFixture.KEY.publicKey(), retired.publicKey());

        assertThat(verdict.failures()).isEmpty();
    }

    @Test
    void aSignedAuthorizationOfAnotherExecutionIsNotProven() {
        AuthorizationGrant replayed = grant("ex-0", C);
        Verdict verdict = verify(replayed, ReceiptFixture.KEY, appliedJson(digestOf(replayed), AT.plusSeconds(60)),
                ReceiptFixture.KEY.publicKey());

        assertThat(failed(verdict)).anyMatch(name -> name.startsWith("signed authorization is the one at leaf"));
    }

    @Test
    void aSignedAuthorizationOfAnotherChecksumIsNotProven() {
        AuthorizationGrant other = grant("ex-1", ReceiptFixture.CHECKSUM.replace('a', 'b'));
        Verdict verdict = verify(other, ReceiptFixture.KEY, appliedJson(digestOf(other), AT.plusSeconds(60)),
                ReceiptFixture.KEY.publicKey());

        assertThat(failed(verdict)).anyMatch(name -> name.startsWith("signed authorization is the one at leaf"));
    }

    @Test
    void anApplyNamingAnotherSignedAuthorizationIsNotProven() {
        Verdict verdict = verify(grant("ex-1", C), ReceiptFixture.KEY,
                appliedJson(digestOf(grant("ex-9", C)), AT.plusSeconds(60)), ReceiptFixture.KEY.publicKey());

        assertThat(failed(verdict)).containsExactly("the apply names the included signed authorization");
    }

    @Test
    void anApplyStartedAfterTheAuthorizationExpiredIsNotProven() {
        AuthorizationGrant grant = grant("ex-1", C);
        Verdict verdict = verify(grant, ReceiptFixture.KEY, appliedJson(digestOf(grant), EXPIRES.plusSeconds(1)),
                ReceiptFixture.KEY.publicKey());

        assertThat(failed(verdict)).containsExactly("signed authorization unexpired when the apply started");
    }
}
