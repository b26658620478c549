package io.sentinel.collector.web;

import io.sentinel.collector.ingest.InvalidPayload;
import io.sentinel.collector.ingest.PayloadTooLarge;
import io.sentinel.runtime.kafka.EventPublicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal of an ingest request as a problem detail that says what to change. A 400 names the
 * line (NDJSON) and the field in {@code line} and {@code field} as well as in its text.
 */
@RestControllerAdvice(assignableTypes = {LogIngestController.class, HeartbeatController.class, LlmTraceController.class,
        AlertmanagerController.class})
class IngestExceptionHandler {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger log = LoggerFactory.getLogger(IngestExceptionHandler.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidPayload invalid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
        if (invalid.line() != null) {
            problem.setProperty("line", invalid.line());
        }
        if (invalid.fieldPath() != null) {
            problem.setProperty("field", invalid.fieldPath());
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLarge tooLarge) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unsupported(UnsupportedContentType unsupported) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, unsupported.getMessage()));
    }

    /** Kafka did not confirm every event: the client must send again (some events may then arrive twice). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unpublished(EventPublicationException failure) {
        log.warn("ingest not acknowledged by kafka; client told to retry reason=\"{}\"", failure.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        "the events were not acknowledged by Kafka in time; retry after " + RETRY_AFTER_SECONDS + " s"));
    }
}
