package dev.migrationledger.ledger.wire;

import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.integrity.DsseEnvelope;
import java.util.List;

/**
 * {@code POST …/authorizations}: the authorized prefix, the denial that ended it (a dry run lists every denied
 * version) and {@code envelope}, the signed authorization (SPEC §10) — what an executor trusts, not the lists beside
 * it; absent when nothing was authorized or on a dry run.
 */
public record AuthorizationResponse(String executionId, List<String> authorized, List<Denial> denied,
                                    DsseEnvelope envelope, long lastIndex) {

    public AuthorizationResponse {
        authorized = authorized == null ? List.of() : authorized;
        denied = denied == null ? List.of() : denied;
    }

    public record Denial(String version, List<ReportedReason> reasons) {

        public Denial {
            reasons = reasons == null ? List.of() : reasons;
        }

        public boolean hasReason(String code) {
            return reasons.stream().anyMatch(r -> code.equals(r.code()));
        }
    }
}
