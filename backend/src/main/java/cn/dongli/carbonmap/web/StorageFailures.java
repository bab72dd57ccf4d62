package cn.dongli.carbonmap.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import cn.dongli.carbonmap.error.ProblemException;

/**
 * Recognises the failures of the storage itself — the database unreachable, its disk full, its files read-only — in
 * whatever the JDBC driver and Spring wrapped them, so that the user is told plainly what is wrong (and that nothing
 * was written) instead of getting an internal error. Transactions roll back on all of them.
 */
final class StorageFailures {

    /** Seconds a client should wait before retrying while the database is unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;

    private StorageFailures() {
    }

    /** The problem a storage failure means to the user, or null if the exception is not one. */
    static ProblemException classify(Throwable failure) {
        boolean unreachable = false;
        for (Throwable t : chain(failure)) {
            String message = String.valueOf(t.getMessage());
            String state = t instanceof SQLException sql ? String.valueOf(sql.getSQLState()) : "";
            if (message.contains("No space left on device") || message.contains("Disk quota exceeded")
                    || state.equals("53100")) {
                return new ProblemException(507, "storage-full", "Storage full",
                        "the server's storage is full, so nothing was written; the administrator must free space"
                                + " (the cause is in the server log)");
            }
            if (message.contains("Read-only file system") || state.equals("25006")
                    || (t instanceof SQLException sql && sql.getErrorCode() == 90097)) {
                return new ProblemException(503, "storage-read-only", "Storage read-only",
                        "the server's storage is read-only, so nothing was written; reading still works"
                                + " (the cause is in the server log)");
            }
            // PostgreSQL stores no NUL character in text or jsonb (character_not_in_repertoire, untranslatable
            // character): the client's text, not the storage, is at fault
            if (state.equals("22021") || state.equals("22P05")) {
                return new ProblemException(422, "invalid-text", "Invalid text", "a text sent holds a character the"
                        + " database cannot store (the NUL character, U+0000), so nothing was written");
            }
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || state.startsWith("08") || state.startsWith("57P")) {
                unreachable = true;
            }
        }
        if (unreachable) {
            return new ProblemException(503, "database-unavailable", "Database unavailable",
                    "the database cannot be reached at the moment, so nothing was read or written; try again shortly",
                    Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
        }
        return null;
    }

    /** The exception, its causes, and the exceptions chained to SQL exceptions. */
    private static Iterable<Throwable> chain(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty() && all.size() < 64) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return all;
    }
}
