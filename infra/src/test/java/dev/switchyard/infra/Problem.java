package dev.switchyard.infra;

/** Something wrong with the template, and where: a path such as {@code Resources.Role.Properties.Policies[0]}. */
record Problem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
