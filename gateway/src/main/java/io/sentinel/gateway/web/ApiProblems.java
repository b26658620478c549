package io.sentinel.gateway.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The API's error answers, as RFC 7807 problem details; Spring MVC renders them as {@code application/problem+json}. */
final class ApiProblems {

    private ApiProblems() {
    }

    static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail, null);
    }

    static ErrorResponseException forbidden(String detail) {
        return problem(HttpStatus.FORBIDDEN, detail, null);
    }

    static ErrorResponseException notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, detail, null);
    }

    static ErrorResponseException conflict(String detail) {
        return problem(HttpStatus.CONFLICT, detail, null);
    }

    static ErrorResponseException problem(HttpStatus status, String detail, Throwable cause) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), cause);
    }
}
