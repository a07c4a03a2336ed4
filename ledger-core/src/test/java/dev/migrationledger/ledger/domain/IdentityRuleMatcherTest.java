package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.IdentityRule;
import dev.migrationledger.ledger.domain.IdentityRuleMatcher.DefinedRule;
import dev.migrationledger.ledger.testing.OidcTestIssuer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which identity a verified token becomes: claim patterns (exact, glob), the principal template, the scope. */
class IdentityRuleMatcherTest {

    static final String GITHUB = "https://token.actions.githubusercontent.com";

    /** The claims of a GitHub Actions job token for acme/billing's staging deployment from main. */
    static Map<String, Object> githubJob() {
        Map<String, Object> claims = new HashMap<>(OidcTestIssuer.githubJob("acme/billing", "staging"));
        claims.put("iss", GITHUB);
        claims.put("aud", List.of("migration-ledger"));
        return claims;
    }

    static DefinedRule rule(String id, Map<String, String> match, String principal) {
        return new DefinedRule(id, new IdentityRuleCheck().normalize(new IdentityRule(GITHUB, match, principal,
                List.of("ci"), List.of("billing-db"), List.of("staging"))));
    }

    private static Optional<WorkloadIdentity> match(Map<String, Object> claims, DefinedRule... rules) {
        return IdentityRuleMatcher.firstMatch(List.of(rules), claims);
    }

    @Test
    void exactClaimValuesMatch() {
        assertThat(match(githubJob(), rule("r1", Map.of("repository", "acme/billing", "environment", "staging"),
                "github:{repository}@{environment}"))).map(WorkloadIdentity::principal)
                .contains("github:acme/billing@staging");
    }

    @Test
    void everyClaimOfTheRuleMustMatch() {
        assertThat(match(githubJob(), rule("r1", Map.of("repository", "acme/billing", "environment", "prod"),
                "github:{repository}"))).isEmpty();
        assertThat(match(githubJob(), rule("r1", Map.of("repository", "acme/billing", "job_workflow_ref", "acme/*"),
                "github:{repository}"))).as("a claim the token lacks never matches").isEmpty();
    }

    @Test
    void exactMatchingIsCaseSensitiveAndWhole() {
        assertThat(match(githubJob(), rule("r1", Map.of("repository", "Acme/Billing"), "github:{repository}"))).isEmpty();
        assertThat(match(githubJob(), rule("r1", Map.of("repository", "acme/bill"), "github:{repository}"))).isEmpty();
    }

    @Test
    void globsMatchAnyRunWithStarAndOneCharacterWithQuestionMark() {
        assertThat(match(githubJob(), rule("r1", Map.of("repository", "acme/*"), "github:{repository}"))).isPresent();
        assertThat(match(githubJob(), rule("r1", Map.of("ref", "refs/heads/*"), "github:{repository}"))).isPresent();
        assertThat(match(githubJob(), rule("r1", Map.of("ref", "refs/tags/v*"), "github:{repository}"))).isEmpty();
        assertThat(match(githubJob(), rule("r1", Map.of("run_id", "86753?9"), "github:{repository}"))).isPresent();
        assertThat(match(githubJob(), rule("r1", Map.of("repository", "evil/*"), "github:{repository}"))).isEmpty();
    }

    @Test
    void aListClaimMatchesWhenOneMemberDoes() {
        assertThat(match(githubJob(), rule("r1", Map.of("aud", "migration-*"), "github:{repository}"))).isPresent();
    }

    @Test
    void theIssuerMustBeTheRules() {
        Map<String, Object> gitlab = githubJob();
        gitlab.put("iss", "https://gitlab.example.com");
        assertThat(match(gitlab, rule("r1", Map.of("repository", "acme/billing"), "github:{repository}"))).isEmpty();
    }

    @Test
    void theFirstDefinedRuleThatMatchesWins() {
        Optional<WorkloadIdentity> identity = match(githubJob(),
                rule("older", Map.of("repository", "acme/*"), "github:{repository_owner}"),
                rule("newer", Map.of("repository", "acme/billing"), "github:{repository}@{environment}"));
        assertThat(identity).map(WorkloadIdentity::ruleId).contains("older");
        assertThat(identity).map(WorkloadIdentity::principal).contains("github:acme");
    }

    @Test
    void aRuleWhosePrincipalCannotBeRenderedDoesNotMatchAndTheNextOneIsTried() {
        // the workflow claim, "deploy database", has a space: no valid principal
        Optional<WorkloadIdentity> identity = match(githubJob(),
                rule("missing-claim", Map.of("repository", "acme/billing"), "github:{job_workflow_ref}"),
                rule("spaces", Map.of("repository", "acme/billing"), "github:{workflow}"),
                rule("fits", Map.of("repository", "acme/billing"), "github:{repository}#{run_id}"));
        assertThat(identity).map(WorkloadIdentity::ruleId).contains("fits");
        assertThat(identity).map(WorkloadIdentity::principal).contains("github:acme/billing#8675309");
    }

    @Test
    void aTemplateWithoutPlaceholdersNamesOnePrincipal() {
        assertThat(PrincipalTemplate.render("gitlab:deployer", name -> Optional.empty())).contains("gitlab:deployer");
    }

    @Test
    void templatesNeedASchemeAndWellFormedPlaceholders() {
        assertThat(PrincipalTemplate.problems("github:{repository}@{environment}")).isEmpty();
        assertThat(PrincipalTemplate.problems("{repository}")).hasSize(1);
        assertThat(PrincipalTemplate.problems("github:{repo")).hasSize(1);
        assertThat(PrincipalTemplate.problems("github:{re po}")).hasSize(2);
        assertThat(PrincipalTemplate.problems(null)).hasSize(1);
    }

    @Test
    void theIdentityCarriesTheJobsProvenanceUnderPlatformNeutralNames() {
        WorkloadIdentity identity = match(githubJob(), rule("r1", Map.of("repository", "acme/billing"),
                "github:{repository}")).orElseThrow();
        assertThat(identity.metadata()).containsEntry("identity.rule", "r1")
                .containsEntry("identity.issuer", GITHUB)
                .containsEntry("identity.subject", "repo:acme/billing:environment:staging")
                .containsEntry("identity.repository", "acme/billing")
                .containsEntry("identity.ref", "refs/heads/main")
                .containsEntry("identity.sha", "5f3b2a9c1d0e7f6a8b9c0d1e2f3a4b5c6d7e8f90")
                .containsEntry("identity.runId", "8675309")
                .containsEntry("identity.workflow", "deploy database")
                .containsEntry("identity.actor", "octocat")
                .doesNotContainKey("identity.runner_environment");
        assertThat(WorkloadIdentity.METADATA_KEYS).containsAll(identity.metadata().keySet());
    }

    @Test
    void gitLabClaimsFillTheSameProvenance() {
        Map<String, Object> gitlab = Map.of("iss", "https://gitlab.com", "sub", "project_path:acme/billing:ref_type:branch:ref:main",
                "project_path", "acme/billing", "ref", "main", "sha", "abc", "pipeline_id", "42",
                "ci_config_ref_uri", "gitlab.com/acme/billing//.gitlab-ci.yml@refs/heads/main", "user_login", "alice");
        assertThat(IdentityRuleMatcher.provenance(gitlab)).containsEntry("repository", "acme/billing")
                .containsEntry("runId", "42").containsEntry("actor", "alice")
                .containsEntry("workflow", "gitlab.com/acme/billing//.gitlab-ci.yml@refs/heads/main");
    }

    @Test
    void anIdentityActsOnlyInsideItsProjectsAndEnvironments() {
        WorkloadIdentity identity = new WorkloadIdentity("r1", GITHUB, "sub", "github:acme/billing", List.of("ci"),
                List.of("billing-db"), List.of("staging", "review-*"), Map.of());
        assertThat(identity.outOfScope("billing-db", "staging")).isEmpty();
        assertThat(identity.outOfScope("billing-db", "review-42")).isEmpty();
        assertThat(identity.outOfScope("billing-db", null)).as("a request naming only the project").isEmpty();
        assertThat(identity.outOfScope("billing-db", "prod")).map(Reason::code).contains(ReasonCode.OUT_OF_SCOPE);
        assertThat(identity.outOfScope("billing-db", "prod")).map(Reason::field).contains("environment");
        assertThat(identity.outOfScope("payroll-db", "staging")).map(Reason::field).contains("project");
    }

    @Test
    void starPatternsAreLinearOnHostileInput() {
        ClaimPattern pattern = new ClaimPattern("*a*a*a*a*a*a*a*a*a*a*b");
        long start = System.nanoTime();
        assertThat(pattern.matches("a".repeat(5000))).isFalse();
        assertThat(System.nanoTime() - start).as("no exponential backtracking").isLessThan(2_000_000_000L);
        assertThat(new ClaimPattern("a*b?c").matches("axxbyc")).isTrue();
        assertThat(new ClaimPattern("a*b?c").matches("abc")).isFalse();
        assertThat(new ClaimPattern("*").wildcardOnly()).isTrue();
        assertThat(new ClaimPattern("acme/*").wildcardOnly()).isFalse();
    }
}
