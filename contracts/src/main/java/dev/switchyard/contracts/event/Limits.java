package dev.switchyard.contracts.event;

/** Checks shared by the inbound event records: names and ids as AWS bounds them. */
final class Limits {
    /** Glue job names and run ids are at most 255 characters. */
    static final int NAME = 255;

    private Limits() {}

    static String name(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing or blank");
        }
        if (value.length() > NAME) {
            throw new IllegalArgumentException(
                    field + " is " + value.length() + " characters long; at most " + NAME + " are allowed");
        }
        return value;
    }

    static String id(String value, String field) {
        name(value, field);
        if (value.chars().anyMatch(c -> c <= ' ' || Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException(field + " '" + value + "' contains white space or a control character");
        }
        return value;
    }
}
