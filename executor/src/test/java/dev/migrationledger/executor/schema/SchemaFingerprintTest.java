package dev.migrationledger.executor.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.flyway.LedgerOutbox;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live schema's canonical description, read from a real PostgreSQL catalog. */
class SchemaFingerprintTest {

    private static final List<String> INVOICE = List.of(
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
            "CREATE TABLE customer (id bigserial PRIMARY KEY, name text NOT NULL)",
            "CREATE TABLE invoice (id int PRIMARY KEY, customer_id bigint REFERENCES customer (id),"
                    + " amount numeric(12, 2) NOT NULL DEFAULT 0 CHECK (amount >= 0), feeling mood)",
            "CREATE INDEX invoice_customer ON invoice (customer_id)",
            "CREATE VIEW big_invoices AS SELECT id,\n    amount FROM invoice WHERE amount > 100",
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
            "CREATE TRIGGER invoice_touch BEFORE UPDATE ON invoice FOR EACH ROW EXECUTE FUNCTION touch()",
            "CREATE SEQUENCE invoice_numbers INCREMENT 5");

    @TempDir
    Path dir;

    private static SchemaFingerprint described(TestPostgres.Database db, List<String> statements) throws SQLException {
        try (Connection c = db.connect()) {
            for (String sql : statements) {
                c.createStatement().execute(sql);
            }
            return CatalogReader.read(c);
        }
    }

    @Test
    void theSameSchemaHasTheSameFingerprintWhateverOrderItWasCreatedIn() throws Exception {
        SchemaFingerprint forward = described(TestPostgres.freshDatabase("fp_forward"), INVOICE);
        SchemaFingerprint reordered = described(TestPostgres.freshDatabase("fp_reordered"), List.of(
                INVOICE.get(7), INVOICE.get(0), INVOICE.get(1), INVOICE.get(5), INVOICE.get(2),
                INVOICE.get(6), INVOICE.get(4), INVOICE.get(3)));

        assertThat(reordered.lines()).containsExactlyElementsOf(forward.lines());
        assertThat(reordered.fingerprint()).isEqualTo(forward.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(forward.lines()).contains(
                "schema public",
                "table public.invoice",
                "column public.invoice.amount numeric(12,2) not null default 0",
                "column public.invoice.feeling public.mood null",
                "column public.customer.id bigint not null default nextval('public.customer_id_seq'::regclass)",
                "constraint public.invoice.invoice_amount_check CHECK ((amount >= (0)::numeric))",
                "index public.invoice_pkey CREATE UNIQUE INDEX invoice_pkey ON public.invoice USING btree (id)",
                "enum public.mood 'sad', 'ok', 'happy'",
                "sequence public.invoice_numbers bigint start 1 increment 5 min 1 max 9223372036854775807 cache 1",
                "trigger public.invoice.invoice_touch CREATE TRIGGER invoice_touch BEFORE UPDATE ON public.invoice"
                        + " FOR EACH ROW EXECUTE FUNCTION public.touch()");
        // pg_get_viewdef's spelling differs between PostgreSQL majors (15 qualifies the columns, 17 does not)
        assertThat(forward.lines()).anyMatch(l -> l.matches(
                        "view public\\.big_invoices SELECT (invoice\\.)?id, (invoice\\.)?amount FROM public\\.invoice WHERE .*"))
                .anyMatch(l -> l.matches("function public\\.touch\\(\\) sha256:[0-9a-f]{64}"));
    }

    @Test
    void addingAColumnChangesTheFingerprintAndTheDifferenceNamesTableAndColumn() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("fp_add_column");
        SchemaFingerprint before = described(db, INVOICE);

        SchemaFingerprint after = described(db, List.of("ALTER TABLE invoice ADD COLUMN note text"));

        assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
        assertThat(before.differencesTo(after)).containsExactly("+ column public.invoice.note text null");
        assertThat(after.differencesTo(before)).containsExactly("- column public.invoice.note text null");
    }

    @Test
    void historyTablesAndTheLedgerOutboxDoNotCount() throws Exception {
        Files.writeString(dir.resolve("V1__invoice.sql"), String.join(";\n", INVOICE) + ";");
        TestPostgres.Database byFlyway = TestPostgres.freshDatabase("fp_by_flyway");
        Flyway.configure().dataSource(byFlyway.url(), byFlyway.user(), byFlyway.password())
                .locations("filesystem:" + dir.toAbsolutePath()).load().migrate();
        try (Connection c = byFlyway.connect()) {
            new LedgerOutbox(c, "public").ensureTable();
            c.createStatement().execute("CREATE TABLE databasechangelog (id varchar(255) NOT NULL, author varchar(255))");
            c.createStatement().execute("CREATE TABLE databasechangeloglock (id int PRIMARY KEY, locked boolean NOT NULL)");
            c.createStatement().execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL,"
                    + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
            c.createStatement().execute("CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64))");
        }
        SchemaFingerprint withHistory = described(byFlyway, List.of());

        SchemaFingerprint byHand = described(TestPostgres.freshDatabase("fp_by_hand"), INVOICE);

        assertThat(withHistory.lines()).containsExactlyElementsOf(byHand.lines());
        assertThat(withHistory.fingerprint()).isEqualTo(byHand.fingerprint());
    }

    @Test
    void aDefinitionTooLongForOneLineIsReplacedByItsHash() {
        String longView = "SELECT " + "x, ".repeat(400) + "1";

        String line = SchemaFingerprint.line("view", "public.wide", longView);

        assertThat(line).matches("view public.wide sha256:[0-9a-f]{64}");
        assertThat(SchemaFingerprint.of(List.of("b", "a", "a")).lines()).containsExactly("a", "b");
    }
}
