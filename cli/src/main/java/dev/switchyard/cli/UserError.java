package dev.switchyard.cli;

/** Something the user can fix (a missing file, a bad argument): printed as one clear line, exit code 2. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
