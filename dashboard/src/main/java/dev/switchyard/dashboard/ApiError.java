package dev.switchyard.dashboard;

/** A request the API refuses: the HTTP status and what is wrong, in words that name the part of the request. */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
