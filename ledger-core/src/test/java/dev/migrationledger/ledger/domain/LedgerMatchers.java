package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.AuthorizationResult;
import dev.migrationledger.ledger.api.ExecutionDenied;
import dev.migrationledger.ledger.api.FactResult;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.MigrationFailed;
import org.axonframework.messaging.Message;
import org.hamcrest.CoreMatchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Matchers that compare what the rules decided — reason codes, authorized versions — and ignore
 * the prose of reason messages, which is free to improve.
 */
final class LedgerMatchers {

    private LedgerMatchers() {
    }

    /** Exactly these event payloads, in this order, and no more. */
    @SafeVarargs
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Matcher<List<Message<?>>> payloads(Matcher<Object>... matchers) {
        List<Matcher<Object>> all = new ArrayList<>(List.of(matchers));
        all.add(org.axonframework.test.matchers.Matchers.andNoMore());
        return org.axonframework.test.matchers.Matchers.payloadsMatching(
                org.axonframework.test.matchers.Matchers.exactSequenceOf(all.toArray(Matcher[]::new)));
    }

    /** An event equal to this one (records compare by value). */
    static Matcher<Object> exactly(Object event) {
        return CoreMatchers.equalTo(event);
    }

    static List<ReasonCode> codes(List<Reason> reasons) {
        return reasons.stream().map(Reason::code).sorted().toList();
    }

    private static List<ReasonCode> sorted(ReasonCode... codes) {
        return Arrays.stream(codes).sorted().toList();
    }

    /** A rejection listing exactly these codes (every reason at once, nothing else), in any order. */
    static Matcher<Throwable> rejectedWith(ReasonCode... expected) {
        return matcher("CommandRejectedException with exactly " + Arrays.toString(expected),
                t -> t instanceof CommandRejectedException e && codes(e.reasons()).equals(sorted(expected)));
    }


    /** Authorized exactly {@code authorized}, nothing denied. */
    static Matcher<Object> authorizedOnly(String... authorized) {
        return matcher("authorized " + Arrays.toString(authorized) + " and nothing denied",
                o -> o instanceof AuthorizationResult r && r.authorized().equals(List.of(authorized)) && r.denied().isEmpty());
    }

    /** Authorized exactly {@code authorized}, then denied {@code version} for exactly these codes. */
    static Matcher<Object> deniedAfter(List<String> authorized, String version, ReasonCode... expected) {
        return matcher("authorized " + authorized + ", denied " + version + " with " + Arrays.toString(expected),
                o -> o instanceof AuthorizationResult r && r.authorized().equals(authorized)
                        && r.denied().size() == 1 && r.denied().get(0).version().equals(version)
                        && codes(r.denied().get(0).reasons()).equals(sorted(expected)));
    }

    static Matcher<Object> denied(String version, ReasonCode... expected) {
        return deniedAfter(List.of(), version, expected);
    }

    static Matcher<Object> executionDenied(String version, ReasonCode... expected) {
        return matcher("ExecutionDenied of " + version + " with " + Arrays.toString(expected),
                o -> o instanceof ExecutionDenied e && e.version().equals(version)
                        && codes(e.reasons()).equals(sorted(expected)));
    }

    /** A MigrationApplied of this version carrying exactly these violations. */
    static Matcher<Object> appliedWith(String version, ReasonCode... expected) {
        return matcher("MigrationApplied of " + version + " with violations " + Arrays.toString(expected),
                o -> o instanceof MigrationApplied e && e.version().equals(version)
                        && codes(e.violations()).equals(sorted(expected)));
    }

    static Matcher<Object> failedWith(String version, ReasonCode... expected) {
        return matcher("MigrationFailed of " + version + " with violations " + Arrays.toString(expected),
                o -> o instanceof MigrationFailed e && e.version().equals(version)
                        && codes(e.violations()).equals(sorted(expected)));
    }

    /** The results of a RecordExecutions, one per fact: its executionId, replay flag and violation codes. */
    static Matcher<Object> factResult(String executionId, boolean replayed, ReasonCode... expected) {
        return matcher("one FactResult " + executionId + " replayed=" + replayed + " " + Arrays.toString(expected),
                o -> o instanceof List<?> l && l.size() == 1 && l.get(0) instanceof FactResult r
                        && r.executionId().equals(executionId) && r.replayed() == replayed
                        && codes(r.violations()).equals(sorted(expected)));
    }

    static <T> Matcher<Object> instanceOf(Class<T> type, Predicate<T> predicate, String description) {
        return matcher(description, o -> type.isInstance(o) && predicate.test(type.cast(o)));
    }

    static <T> Matcher<T> matcher(String description, Predicate<Object> predicate) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return predicate.test(item);
            }

            @Override
            public void describeTo(Description d) {
                d.appendText(description);
            }
        };
    }
}
