package dev.authsvc.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageProblemTest {

    final BaseProblemDetailsAdvice advice = new BaseProblemDetailsAdvice() { };

    @Test
    void aPoolThatCannotConnect_is503WithRetryAfter() {
        ResponseEntity<ProblemDetail> answer = advice.unexpected(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001",
                        new ConnectException("Connection refused"))));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody().getProperties()).containsKey("error");
    }

    @Test
    void aConnectionLostMidStatement_isRecognisedBehindTheRollbackThatFailedAfterIt() {
        TransactionSystemException failedRollback = new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("Connection is closed"));
        failedRollback.initApplicationException(new CannotCreateTransactionException("lost",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(advice.unexpected(failedRollback).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void otherDatabaseErrors_stay500() {
        assertThat(advice.unexpected(new IllegalStateException("bug",
                new SQLIntegrityConstraintViolationException("duplicate key", "23505"))).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(advice.unexpected(new TransactionSystemException("commit failed", new SQLException("no state")))
                .getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
