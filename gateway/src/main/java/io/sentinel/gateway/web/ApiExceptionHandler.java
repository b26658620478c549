package io.sentinel.gateway.web;

import io.sentinel.gateway.ask.InvalidQuestionException;
import io.sentinel.gateway.settings.InvalidSettingException;
import io.sentinel.gateway.settings.SettingTooLargeException;
import io.sentinel.gateway.silences.InvalidSilenceException;
import io.sentinel.gateway.silences.SilenceConflictException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Renders every error the API answers with as a problem detail, including those raised by Spring
 * MVC itself and, through {@link SecurityProblems}, by Spring Security. The features' own refusals
 * (a bad setting, a bad silence) are plain exceptions, since they know nothing of HTTP; their
 * status is decided here.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** Says which field of the body is wrong, rather than only that the body could not be read. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(ex));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(InvalidQuestionException.class)
    ProblemDetail invalidQuestion(InvalidQuestionException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(InvalidSettingException.class)
    ProblemDetail invalidSetting(InvalidSettingException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(SettingTooLargeException.class)
    ProblemDetail settingTooLarge(SettingTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(InvalidSilenceException.class)
    ProblemDetail invalidSilence(InvalidSilenceException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(SilenceConflictException.class)
    ProblemDetail silenceConflict(SilenceConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    private static String describe(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof JacksonException json) {
            String field = json.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                    .reduce((parent, child) -> child.startsWith("[") ? parent + child : parent + "." + child)
                    .orElse(null);
            return field == null
                    ? "request body is not valid JSON: " + json.getOriginalMessage()
                    : "field '" + field + "' is invalid: " + json.getOriginalMessage();
        }
        return "request body is missing or unreadable; send a JSON object with Content-Type: application/json";
    }
}
