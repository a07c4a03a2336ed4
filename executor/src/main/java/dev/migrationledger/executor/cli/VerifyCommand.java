package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.exit.ExitCodes;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ledger verify}: offline receipt verification (SPEC §6): no network, no database. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
                "Verify receipt files offline: DSSE signature, every leaf rebuilt from its event, every "
                + "inclusion proof against the signed checkpoint, the policy facts, and that the apply ran "
                + "under the signed authorization the receipt includes.",
                "After a key rotation, pass both keys. Many receipts (an auditor's quarter) are verified in "
                + "one run; a checkpoint or authorization they share is verified once.",
                "Exit codes: 0 all proven, 1 one or more not proven, 2 an unreadable receipt, key or script "
                + "(the others are still verified)."})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RECEIPT", description = "Receipt files (GET /api/v1/receipts/{id}).")
    List<Path> receipts;

    @Option(names = "--key", required = true, paramLabel = "PUB.pem",
            description = "The log's public key (ledger-pub.pem, or a retired key from GET /api/v1/keys); repeat it "
                    + "to trust several (an authorization signed before a rotation is included as it was signed).")
    List<Path> keys;

    @Option(names = "--key-name", paramLabel = "NAME",
            description = "The key's C2SP name (the log origin). Default: the name in the receipt's checkpoint that fits the key.")
    String keyName;

    @Option(names = "--script", paramLabel = "FILE",
            description = "Also check this script's checksum against the receipt's subject (one receipt only).")
    Path script;

    /** Verifiers by the key names they use: receipts of one log share one, and with it what it remembers. */
    private final Map<List<String>, ReceiptVerifier> verifiers = new HashMap<>();
    /** Keys decoded under a name, by name and PEM: decoding an Ed25519 key costs more than hashing a receipt. */
    private final Map<String, LogPublicKey> decoded = new HashMap<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (script != null && receipts.size() > 1) {
            err.println("ledger verify: --script names one script, so give one receipt with it (got "
                    + receipts.size() + ")");
            return ExitCodes.USAGE;
        }
        List<String> pems = new ArrayList<>();
        byte[] scriptBytes = null;
        try {
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
        boolean many = receipts.size() > 1;
        int proven = 0;
        int notProven = 0;
        int unreadable = 0;
        for (Path receipt : receipts) {
            Verdict verdict = verify(receipt, pems, scriptBytes, err);
            if (verdict == null) {
                unreadable++;
                continue;
            }
            if (many) {
                out.print(receipt + ": ");
            }
            out.print(verdict.render());
            if (verdict.proven()) {
                proven++;
            } else {
                notProven++;
            }
        }
        if (many) {
            out.println(receipts.size() + " receipts: " + proven + " proven, " + notProven + " not proven, "
                    + unreadable + " unreadable");
        }
        out.flush();
        return unreadable > 0 ? ExitCodes.USAGE : notProven > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.SUCCESS;
    }

    /** The verdict on one receipt file, or null (reported on {@code err}) when the file or a key is unreadable. */
    private Verdict verify(Path file, List<String> pems, byte[] scriptBytes, PrintWriter err) {
        Receipt parsed;
        ReceiptVerifier verifier;
        try {
            parsed = Receipt.fromJson(Files.readAllBytes(file));
            List<String> names = new ArrayList<>();
            for (String pem : pems) {
                names.add(keyName != null ? keyName : nameFor(parsed, pem));
            }
            verifier = verifiers.get(names);
            if (verifier == null) {
                List<LogPublicKey> publicKeys = new ArrayList<>();
                for (int i = 0; i < pems.size(); i++) {
                    publicKeys.add(key(names.get(i), pems.get(i)));
                }
                verifier = new ReceiptVerifier(publicKeys);
                verifiers.put(names, verifier);
            }
        } catch (IOException e) {
            err.println("ledger verify: cannot read " + e.getMessage());
            return null;
        } catch (IllegalArgumentException e) {
            err.println("ledger verify: " + file + ": " + e.getMessage());
            return null;
        }
        return verifier.verify(parsed, scriptBytes);
    }

    /**
     * The key name, when not given: the name on the checkpoint's signature line whose C2SP key id this key
     * has under that name. The key id commits to the name, so a name taken from the file cannot mislead.
     */
    private String nameFor(Receipt receipt, String pem) {
        if (receipt.checkpoint() != null) {
            try {
                for (SignedNote.Signature signature : SignedNote.parse(receipt.checkpoint()).signatures()) {
                    LogPublicKey candidate = key(signature.keyName(), pem);
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

    private LogPublicKey key(String name, String pem) {
        return decoded.computeIfAbsent(name + "\n" + pem, id -> LogPublicKey.fromPem(name, pem));
    }
}
