package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedNoteTest {

    private static final LogSigningKey KEY = LogSigningKey.generate("ledger.example/log");
    private static final Checkpoint CHECKPOINT = new Checkpoint("ledger.example/log", 40, MerkleTree.emptyRoot());

    @Test
    void checkpointBodyIsOriginSizeAndBase64Root() {
        assertThat(CHECKPOINT.body()).isEqualTo("ledger.example/log\n40\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
        assertThat(Checkpoint.parse(CHECKPOINT.body())).isEqualTo(CHECKPOINT);
    }

    @Test
    void checkpointWithExtraLinesOrNonCanonicalSizeIsRefused() {
        assertThatThrownBy(() -> Checkpoint.parse(CHECKPOINT.body() + "extension\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Checkpoint.parse(CHECKPOINT.body().replace("\n40\n", "\n040\n"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Checkpoint.parse(CHECKPOINT.body().replace("=\n", "="))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signedNoteIsBodyBlankLineAndEmDashSignatureLine() {
        String note = SignedNote.sign(CHECKPOINT.body(), KEY).serialize();
        assertThat(note).startsWith(CHECKPOINT.body() + "\n\u2014 ledger.example/log ").endsWith("\n");
        String blob = note.substring(note.lastIndexOf(' ') + 1, note.length() - 1);
        byte[] decoded = Base64.getDecoder().decode(blob);
        assertThat(decoded).hasSize(68).startsWith(KEY.publicKey().keyId());
    }

    @Test
    void parsedNoteVerifiesWithTheKnownKey() {
        SignedNote note = SignedNote.parse(SignedNote.sign(CHECKPOINT.body(), KEY).serialize());
        assertThat(note.text()).isEqualTo(CHECKPOINT.body());
        assertThat(note.verify(KEY.publicKey())).isTrue();
    }

    @Test
    void signaturesByUnknownKeysAreIgnoredButOneKnownIsRequired() {
        LogSigningKey witness = LogSigningKey.generate("witness.example");
        SignedNote both = SignedNote.parse(SignedNote.sign(CHECKPOINT.body(), witness, KEY).serialize());
        assertThat(both.verify(KEY.publicKey())).isTrue();
        SignedNote witnessOnly = SignedNote.parse(SignedNote.sign(CHECKPOINT.body(), witness).serialize());
        assertThat(witnessOnly.verify(KEY.publicKey())).isFalse();
    }

    @Test
    void aKeyWithTheSameNameButAnotherIdDoesNotCount() {
        LogSigningKey impostor = LogSigningKey.generate("ledger.example/log");
        assertThat(SignedNote.sign(CHECKPOINT.body(), impostor).verify(KEY.publicKey())).isFalse();
    }

    @Test
    void anyChangeToTheBodyBreaksTheSignature() {
        String note = SignedNote.sign(CHECKPOINT.body(), KEY).serialize();
        SignedNote altered = SignedNote.parse(note.replace("\n40\n", "\n41\n"));
        assertThat(altered.verify(KEY.publicKey())).isFalse();
    }

    @Test
    void malformedNotesAreRefused() {
        String note = SignedNote.sign(CHECKPOINT.body(), KEY).serialize();
        assertThatThrownBy(() -> SignedNote.parse(note.replace("\n\n", "\n"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.parse(note.replace("\u2014", "-"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.parse(note.substring(0, note.length() - 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.parse(note + "trailing\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.parse("a\tb\n" + note.substring(note.indexOf("\n\n") + 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
