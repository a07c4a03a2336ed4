package dev.migrationledger.executor.lint;

import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.rules.AlterDomainConstraintRule;
import dev.migrationledger.executor.lint.rules.AutoIncrementColumnRule;
import dev.migrationledger.executor.lint.rules.CharTypeRule;
import dev.migrationledger.executor.lint.rules.CheckNotValidRule;
import dev.migrationledger.executor.lint.rules.ColumnTypeChangeRule;
import dev.migrationledger.executor.lint.rules.ConcurrentIndexInTransactionRule;
import dev.migrationledger.executor.lint.rules.ConcurrentIndexOnPg14Rule;
import dev.migrationledger.executor.lint.rules.CreateDomainConstraintRule;
import dev.migrationledger.executor.lint.rules.DetachPartitionWithoutConcurrentlyRule;
import dev.migrationledger.executor.lint.rules.DropColumnRule;
import dev.migrationledger.executor.lint.rules.DropDatabaseRule;
import dev.migrationledger.executor.lint.rules.DropIndexWithoutConcurrentlyRule;
import dev.migrationledger.executor.lint.rules.DropNotNullRule;
import dev.migrationledger.executor.lint.rules.DropTableRule;
import dev.migrationledger.executor.lint.rules.DuplicateColumnAssignmentRule;
import dev.migrationledger.executor.lint.rules.EnumValueOrderRule;
import dev.migrationledger.executor.lint.rules.ExclusionConstraintRule;
import dev.migrationledger.executor.lint.rules.ForeignKeyLocksBothTablesRule;
import dev.migrationledger.executor.lint.rules.ForeignKeyNotValidRule;
import dev.migrationledger.executor.lint.rules.HeaderRule;
import dev.migrationledger.executor.lint.rules.IdentifierTooLongRule;
import dev.migrationledger.executor.lint.rules.IndexWithoutConcurrentlyRule;
import dev.migrationledger.executor.lint.rules.IntegerKeyRule;
import dev.migrationledger.executor.lint.rules.JsonTypeRule;
import dev.migrationledger.executor.lint.rules.LockTimeoutRule;
import dev.migrationledger.executor.lint.rules.NestedTransactionRule;
import dev.migrationledger.executor.lint.rules.NotNullColumnWithoutDefaultRule;
import dev.migrationledger.executor.lint.rules.PrimaryKeyWithoutIndexRule;
import dev.migrationledger.executor.lint.rules.ReindexWithoutConcurrentlyRule;
import dev.migrationledger.executor.lint.rules.RenameAndDropRule;
import dev.migrationledger.executor.lint.rules.RenameColumnRule;
import dev.migrationledger.executor.lint.rules.RenameEnumValueRule;
import dev.migrationledger.executor.lint.rules.RenameSchemaRule;
import dev.migrationledger.executor.lint.rules.RenameTableRule;
import dev.migrationledger.executor.lint.rules.RobustStatementRule;
import dev.migrationledger.executor.lint.rules.RuntimeSettingRule;
import dev.migrationledger.executor.lint.rules.SeedDataRule;
import dev.migrationledger.executor.lint.rules.SerialTypeRule;
import dev.migrationledger.executor.lint.rules.SetNotNullRule;
import dev.migrationledger.executor.lint.rules.StatementTimeoutRule;
import dev.migrationledger.executor.lint.rules.StoredGeneratedColumnRule;
import dev.migrationledger.executor.lint.rules.TimestampWithoutTimeZoneRule;
import dev.migrationledger.executor.lint.rules.TruncateCascadeRule;
import dev.migrationledger.executor.lint.rules.UnbatchedBackfillRule;
import dev.migrationledger.executor.lint.rules.UncommittedTransactionRule;
import dev.migrationledger.executor.lint.rules.UnderstatedClassRule;
import dev.migrationledger.executor.lint.rules.UnqualifiedTableRule;
import dev.migrationledger.executor.lint.rules.UniqueWithoutIndexRule;
import dev.migrationledger.executor.lint.rules.ValidateInSameTransactionRule;
import dev.migrationledger.executor.lint.rules.VacuumFullRule;
import dev.migrationledger.executor.lint.rules.VarcharLengthRule;
import dev.migrationledger.executor.lint.rules.VolatileDefaultRule;
import dev.migrationledger.executor.lint.rules.WideIndexRule;
import dev.migrationledger.executor.sql.DdlFact;
import dev.migrationledger.executor.sql.DdlReader;
import dev.migrationledger.executor.sql.SqlStatement;
import dev.migrationledger.executor.lint.rules.ObservedAccessExclusiveRule;
import dev.migrationledger.executor.lint.rules.ObservedFailureRule;
import dev.migrationledger.executor.lint.rules.ObservedRewriteRule;
import dev.migrationledger.executor.lint.verify.Observation;
import dev.migrationledger.executor.lint.verify.Verifier.Verification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every rule over every script of a directory, applies the configuration (exclusions, severities),
 * and returns the findings ordered by file, then line.
 */
public final class Linter {

    public static final String IGNORED_FILE_ID = "ML012-ignored-file";

    /** Every rule, in id order. ML012 is reported by the linter itself (it concerns files, not scripts). */
    public static final List<LintRule> ALL_RULES = List.of(new DropTableRule(), new DropColumnRule(),
            new RenameAndDropRule(), new ColumnTypeChangeRule(), new SetNotNullRule(),
            new NotNullColumnWithoutDefaultRule(), new IndexWithoutConcurrentlyRule(), new SeedDataRule(),
            new RuntimeSettingRule(), new HeaderRule(), new UnderstatedClassRule(), new VolatileDefaultRule(),
            new StoredGeneratedColumnRule(), new AutoIncrementColumnRule(), new ForeignKeyNotValidRule(),
            new CheckNotValidRule(), new ValidateInSameTransactionRule(), new ForeignKeyLocksBothTablesRule(),
            new UniqueWithoutIndexRule(), new PrimaryKeyWithoutIndexRule(), new ExclusionConstraintRule(),
            new DropIndexWithoutConcurrentlyRule(), new ReindexWithoutConcurrentlyRule(),
            new DetachPartitionWithoutConcurrentlyRule(), new ConcurrentIndexInTransactionRule(), new WideIndexRule(),
            new ConcurrentIndexOnPg14Rule(), new LockTimeoutRule(), new StatementTimeoutRule(), new RenameColumnRule(),
            new RenameTableRule(), new RenameSchemaRule(), new RenameEnumValueRule(), new DropNotNullRule(),
            new DropDatabaseRule(), new TruncateCascadeRule(), new VacuumFullRule(), new CharTypeRule(),
            new VarcharLengthRule(), new TimestampWithoutTimeZoneRule(), new IntegerKeyRule(), new SerialTypeRule(),
            new JsonTypeRule(), new CreateDomainConstraintRule(), new AlterDomainConstraintRule(),
            new EnumValueOrderRule(), new UnbatchedBackfillRule(), new DuplicateColumnAssignmentRule(),
            new UncommittedTransactionRule(), new NestedTransactionRule(), new IdentifierTooLongRule(),
            new RobustStatementRule(), new UnqualifiedTableRule(), new ObservedRewriteRule(), new ObservedAccessExclusiveRule(),
            new ObservedFailureRule());

    private final List<LintRule> rules;
    private final LintConfig config;

    public Linter(List<LintRule> rules, LintConfig config) {
        this.rules = List.copyOf(rules);
        this.config = config;
    }

    public static Linter withAllRules() {
        return new Linter(ALL_RULES, LintConfig.DEFAULTS);
    }

    public static Linter configured(LintConfig config) {
        return new Linter(ALL_RULES, config);
    }

    public List<LintRule> rules() {
        return rules;
    }

    public LintConfig config() {
        return config;
    }

    public List<Finding> lint(MigrationDirectory directory) {
        return lint(directory, (Verification) null);
    }

    /** With {@code --verify-on}: the target's tables decide what is existing, and the observations are reported. */
    public List<Finding> lint(MigrationDirectory directory, Verification verification) {
        Map<String, Observation.Migration> observed = new HashMap<>();
        if (verification != null) {
            verification.observation().migrations().forEach(m -> observed.put(m.file(), m));
        }
        return lint(directory, verification == null ? null : verification.targetTables(), observed);
    }

    private List<Finding> lint(MigrationDirectory directory, Set<String> targetTables,
                               Map<String, Observation.Migration> observed) {
        List<MigrationScript> scripts = directory.scripts().stream()
                .filter(s -> !config.excludesPath(s.fileName())).toList();
        Map<MigrationScript, List<LintContext.Parsed>> parsed = new IdentityHashMap<>();
        Map<MigrationScript, List<DdlFact>> facts = new IdentityHashMap<>();
        for (MigrationScript script : scripts) {
            List<LintContext.Parsed> statements = new ArrayList<>();
            for (SqlStatement statement : script.statements()) {
                statements.add(new LintContext.Parsed(statement, DdlReader.read(statement)));
            }
            parsed.put(script, statements);
            facts.put(script, statements.stream().flatMap(p -> p.facts().stream()).toList());
        }
        KnownTables tables = KnownTables.of(scripts, facts);
        if (targetTables != null) {
            tables = tables.withTarget(targetTables);
        }
        List<Finding> findings = new ArrayList<>();
        for (String ignored : directory.ignoredSqlFiles()) {
            if (!config.excludesPath(ignored)) {
                add(findings, new Finding(IGNORED_FILE_ID, Severity.WARNING, ignored, 1,
                        "is not named like a migration, so Flyway and the ledger skip it",
                        "name it V<version>__<description>.sql or R__<description>.sql, or move it out of the directory"));
            }
        }
        PgVersion version = config.pgVersionOrDefault();
        for (MigrationScript script : scripts) {
            LintContext context = new LintContext(script, parsed.get(script), tables, version, observed.get(script.fileName()));
            List<Finding> ofScript = new ArrayList<>();
            rules.forEach(rule -> rule.check(context).forEach(f -> add(ofScript, f)));
            ofScript.sort(Comparator.comparingInt(Finding::line).thenComparing(Finding::ruleId));
            findings.addAll(ofScript);
        }
        return findings;
    }

    private void add(List<Finding> into, Finding finding) {
        Finding configured = config.apply(finding);
        if (configured != null) {
            into.add(configured);
        }
    }
}
