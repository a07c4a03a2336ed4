package dev.migrationledger.service.config;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Group commit for one project: commands for the same aggregate that arrive while another is being
 * handled queue up, and the caller whose turn it is handles the queued ones in one unit of work — one
 * transaction, one commit (one fsync), one take of Axon's aggregate lock — instead of each waiting for
 * the lock, loading the aggregate and committing alone. This is how PostgreSQL itself flushes its WAL for
 * concurrent committers: the one that gets the lock does the work for the ones queued behind it.
 *
 * <p>Within a batch each command is handled by the delegate (Axon's {@code SimpleCommandBus}) in a
 * unit of work nested in the batch's root; Axon keeps one loaded aggregate per root, so each command is
 * judged, in arrival order, against the state its predecessors left. Replies go out only after the root
 * commits: a caller never hears "recorded" for a fact that could still roll back. If any command in a
 * batch fails (a rule's rejection, a bug) or the commit fails, the batch rolls back and every command
 * in it is handled again alone, in the same order — so one bad command costs its neighbours a retry,
 * never their result.
 *
 * <p>A caller whose command joined someone else's batch waits in {@link #dispatch} until it is answered
 * or until it is the oldest one still queued, and then leads the next batch; no thread of our own, and a
 * leader handles exactly one batch, so no request is held for other requests' work for long.
 * Commands dispatched inside a unit of work that is already running (an event handler sending one) and
 * commands without a target aggregate go straight to the delegate.
 */
public final class GroupCommitCommandBus implements CommandBus {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);

    private final CommandBus delegate;
    private final TransactionManager transactions;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    private final int maxBatch;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final DistributionSummary batchSizes;

    public GroupCommitCommandBus(CommandBus delegate, TransactionManager transactions, int maxBatch, MeterRegistry meters) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("ledger.command-batch must be at least 1, was " + maxBatch);
        }
        this.delegate = delegate;
        this.transactions = transactions;
        this.maxBatch = maxBatch;
        this.batchSizes = DistributionSummary.builder("ledger.commands.batch.size")
                .description("commands for one project committed together (group commit)")
                .register(meters);
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, (message, result) -> { });
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        String aggregate = maxBatch == 1 || CurrentUnitOfWork.isStarted() ? null : target(command);
        if (aggregate == null) {
            delegate.dispatch(command, callback);
            return;
        }
        Pending pending = new Pending(command, callback);
        lanes.compute(aggregate, (id, lane) -> {
            Lane joined = lane == null ? new Lane() : lane;
            joined.queue.add(pending);
            if (!joined.leading) {
                joined.leading = true;
                pending.turn.complete(Boolean.TRUE);
            }
            return joined;
        });
        if (awaitTurn(pending)) {
            lead(aggregate);
        }
    }

    /** True when this caller must lead the next batch; false when a leader already answered it. */
    private static boolean awaitTurn(Pending pending) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return pending.turn.get();
                } catch (InterruptedException e) {
                    // the command is queued and will be handled; the caller must hear its outcome
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void lead(String aggregate) {
        List<Pending> batch = new ArrayList<>();
        lanes.computeIfPresent(aggregate, (id, lane) -> {
            while (batch.size() < maxBatch && !lane.queue.isEmpty()) {
                batch.add(lane.queue.poll());
            }
            return lane;
        });
        try {
            handle(batch);
        } finally {
            lanes.compute(aggregate, (id, lane) -> {
                if (lane.queue.isEmpty()) {
                    return null;
                }
                lane.queue.peek().turn.complete(Boolean.TRUE);
                return lane;
            });
        }
    }

    private void handle(List<Pending> batch) {
        batchSizes.record(batch.size());
        if (batch.size() == 1 || !together(batch)) {
            alone(batch);
        }
    }

    /** The batch in one unit of work; false (everything rolled back) if any command or the commit failed. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean together(List<Pending> batch) {
        List<CommandResultMessage<?>> results = new ArrayList<>(batch.size());
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        try {
            root.attachTransaction(transactions);
            for (Pending p : batch) {
                int answered = results.size();
                delegate.dispatch(p.command, (message, result) -> results.add(result));
                if (results.size() != answered + 1 || results.get(answered).isExceptional()) {
                    root.rollback();
                    return false;
                }
            }
            root.commit();
        } catch (RuntimeException e) {
            if (root.isActive()) {
                root.rollback(e);
            }
            log.debug("a batch of {} commands failed to commit together; handling them one by one", batch.size(), e);
            return false;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            try {
                ((CommandCallback) p.callback).onResult(p.command, results.get(i));
            } finally {
                // a callback that throws must not leave the callers after it waiting for ever
                p.turn.complete(Boolean.FALSE);
            }
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void alone(List<Pending> batch) {
        for (Pending p : batch) {
            try {
                delegate.dispatch((CommandMessage) p.command, (CommandCallback) p.callback);
            } finally {
                p.turn.complete(Boolean.FALSE);
            }
        }
    }

    private String target(CommandMessage<?> command) {
        try {
            return targets.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        return delegate.registerHandlerInterceptor(interceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
        return delegate.registerDispatchInterceptor(interceptor);
    }

    private static final class Lane {
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        boolean leading;
    }

    private static final class Pending {
        final CommandMessage<?> command;
        final CommandCallback<?, ?> callback;
        /** Completed with true when this caller leads the next batch, false when it has been answered. */
        final CompletableFuture<Boolean> turn = new CompletableFuture<>();

        Pending(CommandMessage<?> command, CommandCallback<?, ?> callback) {
            this.command = command;
            this.callback = callback;
        }
    }
}
