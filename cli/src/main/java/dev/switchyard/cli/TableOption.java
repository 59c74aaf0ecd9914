package dev.switchyard.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/** The {@code --table} option every command that reads the control table shares, with DynamoDB's options. */
final class TableOption {
    @Option(
            names = "--table",
            required = true,
            paramLabel = "TABLE",
            description = "The control table: a .csv, .json or .yaml file, sqlite:PATH (the embedded store;"
                    + " sqlite: alone is .switchyard/switchyard.db) or dynamodb:NAME.")
    String table;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "For dynamodb: tables, the DynamoDB endpoint, e.g. http://localhost:4567 for a"
                    + " development server (default: AWS's endpoint for the region).")
    String endpoint;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "For dynamodb: tables, the AWS region (default: AWS_REGION or the AWS profile; us-east-1"
                    + " with --endpoint).")
    String region;

    TableSource source() {
        TableSource source = TableSource.parse(table);
        if (source.kind() != TableSource.Kind.DYNAMODB && (endpoint != null || region != null)) {
            throw new UserError("--endpoint and --region are for dynamodb: tables, not " + table);
        }
        return source;
    }

    URI endpoint() {
        return endpoint(endpoint, "http://localhost:4567");
    }

    /** An {@code --endpoint} option's URL, or null when none was given; a malformed one is a bad argument. */
    static URI endpoint(String text, String example) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(text, "needs a scheme and a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserError("--endpoint '" + text + "' is not a URL such as " + example);
        }
    }

    @Override
    public String toString() {
        try {
            return TableSource.parse(table).toString();
        } catch (UserError e) {
            return table;
        }
    }
}
