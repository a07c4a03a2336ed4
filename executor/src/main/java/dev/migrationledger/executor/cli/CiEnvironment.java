package dev.migrationledger.executor.cli;

import java.util.Map;

/** Defaults for a fact's gitSha and pipelineUrl from the CI system running us (GitHub, GitLab, Jenkins). */
final class CiEnvironment {

    private CiEnvironment() {
    }

    static String gitSha(Map<String, String> env) {
        return first(env, "GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT");
    }

    static String pipelineUrl(Map<String, String> env) {
        String server = env.get("GITHUB_SERVER_URL");
        String repository = env.get("GITHUB_REPOSITORY");
        String run = env.get("GITHUB_RUN_ID");
        if (present(server) && present(repository) && present(run)) {
            return server + "/" + repository + "/actions/runs/" + run;
        }
        return first(env, "CI_PIPELINE_URL", "BUILD_URL");
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            if (present(env.get(name))) {
                return env.get(name).strip();
            }
        }
        return null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
