package dev.migrationledger.service.web;

import dev.migrationledger.ledger.wire.KeysResponse.ListedKey;
import dev.migrationledger.ledger.wire.KeysResponse;
import dev.migrationledger.service.receipts.CheckpointIssuer;
import dev.migrationledger.service.receipts.LogKeys;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The log's public keys, current and retired, with their validity windows (SPEC §6, Keys). */
@RestController
@RequestMapping("/api/v1/keys")
public class KeyController {

    private final LogKeys keys;
    private final CheckpointIssuer checkpoints;

    public KeyController(LogKeys keys, CheckpointIssuer checkpoints) {
        this.keys = keys;
        this.checkpoints = checkpoints;
    }

    @Operation(summary = "Current and retired public keys: name, key id, PEM, validFrom, validUntil (any role)")
    @GetMapping
    public KeysResponse list() {
        return new KeysResponse(keys.current().publicKey().keyIdHex(), keys.all());
    }

    @Operation(summary = "Replace the signing key (admin); the old public key stays listed and keeps verifying")
    @PostMapping("/rotate")
    public ResponseEntity<ListedKey> rotate(Authentication caller) {
        ListedKey rotated = keys.rotate(caller.getName());
        // The rotation event is a new leaf: sign it with the new key so the log's head is under the new key.
        checkpoints.issue();
        return ResponseEntity.status(HttpStatus.CREATED).body(rotated);
    }
}
