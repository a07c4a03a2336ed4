package dev.migrationledger.executor.cli;

import dev.migrationledger.ledger.integrity.LogPublicKey;
import dev.migrationledger.ledger.integrity.Receipt;
import dev.migrationledger.ledger.integrity.ReceiptVerifier;
import dev.migrationledger.ledger.integrity.SignedNote;
import dev.migrationledger.ledger.integrity.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ledger verify}: offline receipt verification (SPEC §6): no network, no database. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a receipt file offline: DSSE signature, every leaf rebuilt from its event, every",
                "inclusion proof against the signed checkpoint, the policy facts, and that the apply ran under the",
                "signed authorization the receipt includes. After a key rotation, pass both keys.",
                "Exit codes: 0 proven, 1 not proven, 2 unreadable receipt, key or script."})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECEIPT", description = "The receipt file (GET /api/v1/receipts/{id}).")
    Path receipt;

    @Option(names = "--key", required = true, paramLabel = "PUB.pem",
            description = "The log's public key (ledger-pub.pem, or a retired key from GET /api/v1/keys); repeat it "
                    + "to trust several (an authorization signed before a rotation is included as it was signed).")
    List<Path> keys;

    @Option(names = "--key-name", paramLabel = "NAME",
            description = "The key's C2SP name (the log origin). Default: the name in the receipt's checkpoint that fits the key.")
    String keyName;

    @Option(names = "--script", paramLabel = "FILE", description = "Also check this script's checksum against the receipt's subject.")
    Path script;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        byte[] receiptBytes;
        List<String> pems = new ArrayList<>();
        byte[] scriptBytes = null;
        try {
            receiptBytes = Files.readAllBytes(receipt);
            for (Path key : keys) {
                pems.add(Files.readString(key, StandardCharsets.US_ASCII));
            }
            if (script != null) {
                scriptBytes = Files.readAllBytes(script);
            }
        } catch (IOException e) {
            err.println("ledger verify: cannot read " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Receipt parsed;
        List<LogPublicKey> publicKeys = new ArrayList<>();
        try {
            parsed = Receipt.fromJson(receiptBytes);
            for (String pem : pems) {
                publicKeys.add(LogPublicKey.fromPem(keyName != null ? keyName : nameFor(parsed, pem), pem));
            }
        } catch (IllegalArgumentException e) {
            err.println("ledger verify: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Verdict verdict = new ReceiptVerifier(publicKeys).verify(receiptBytes, scriptBytes);
        PrintWriter out = spec.commandLine().getOut();
        out.print(verdict.render());
        out.flush();
        return verdict.proven() ? ExitCodes.SUCCESS : ExitCodes.CHECK_FAILED;
    }

    /**
     * The key name, when not given: the name on the checkpoint's signature line whose C2SP key id this key
     * has under that name. The key id commits to the name, so a name taken from the file cannot mislead.
     */
    static String nameFor(Receipt receipt, String pem) {
        if (receipt.checkpoint() != null) {
            try {
                for (SignedNote.Signature signature : SignedNote.parse(receipt.checkpoint()).signatures()) {
                    LogPublicKey candidate = LogPublicKey.fromPem(signature.keyName(), pem);
                    if (Arrays.equals(candidate.keyId(), signature.keyId())) {
                        return signature.keyName();
                    }
                }
            } catch (IllegalArgumentException e) {
                // an unreadable checkpoint is reported by the verifier; the key still needs some name
            }
        }
        return "migration-ledger.local/log";
    }
}
