package dev.switchyard.statemachine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An intrinsic function call such as {@code States.Format('{} of {}', $.a, States.ArrayLength($.b))}, parsed once when
 * the definition is read. Arguments are calls, string literals in single quotes (escapes {@code \' \{ \} \\}), numbers,
 * true, false, null, and paths on the input ($) or the Context Object ($$).
 */
final class Intrinsic {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern NAME = Pattern.compile("States\\.([A-Za-z0-9]+)");

    private Intrinsic() {}

    /** One argument of a call. */
    sealed interface Arg permits Call, Literal, Text, PathArg {}

    record Call(IntrinsicFunction function, List<Arg> args) implements Arg {}

    /** A number, true, false or null. */
    record Literal(JsonNode value) implements Arg {}

    /** A string literal as written between the quotes, escapes kept: States.Format tells {@code \{} from a {@code {}}. */
    record Text(String raw) implements Arg {
        String value() {
            StringBuilder value = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                value.append(c == '\\' ? raw.charAt(++i) : c);
            }
            return value.toString();
        }
    }

    record PathArg(JsonPathExpr path) implements Arg {}

    static Call parse(String text) {
        Parser parser = new Parser(text);
        Call call = parser.call();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.error("unexpected text after the call");
        }
        return call;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Call call() {
            skipSpaces();
            Matcher name = NAME.matcher(text).region(pos, text.length());
            if (!name.lookingAt()) {
                throw error("expected an intrinsic function such as States.Format");
            }
            IntrinsicFunction function = IntrinsicFunction.named(name.group())
                    .orElseThrow(() -> error("unknown intrinsic function " + name.group()));
            pos = name.end();
            skipSpaces();
            expect('(');
            List<Arg> args = new ArrayList<>();
            skipSpaces();
            if (peek() != ')') {
                do {
                    args.add(arg());
                    skipSpaces();
                } while (consume(','));
            }
            expect(')');
            if (args.size() < function.minArgs() || args.size() > function.maxArgs()) {
                throw error(function.asl() + " takes " + function.arity() + ", not " + args.size());
            }
            return new Call(function, args);
        }

        private Arg arg() {
            skipSpaces();
            char c = peek();
            if (c == '\'') {
                return text();
            }
            if (c == '$') {
                return path();
            }
            if (text.startsWith("States.", pos)) {
                return call();
            }
            for (String keyword : List.of("true", "false", "null")) {
                if (text.startsWith(keyword, pos)) {
                    pos += keyword.length();
                    return new Literal(readJson(keyword));
                }
            }
            Matcher number = NUMBER.matcher(text).region(pos, text.length());
            if (number.lookingAt()) {
                pos = number.end();
                return new Literal(readJson(number.group()));
            }
            throw error(
                    "expected an argument: a string in single quotes, a number, true, false, null, a path or a call");
        }

        private Text text() {
            int start = ++pos;
            while (pos < text.length() && text.charAt(pos) != '\'') {
                if (text.charAt(pos) == '\\') {
                    if (pos + 1 >= text.length() || "'{}\\".indexOf(text.charAt(pos + 1)) < 0) {
                        throw error("an open escape: only \\' \\{ \\} and \\\\ may be escaped");
                    }
                    pos++;
                }
                pos++;
            }
            if (atEnd()) {
                throw error("a string literal is not closed");
            }
            return new Text(text.substring(start, pos++));
        }

        /** A path runs to the next ',' or ')' outside brackets, parentheses and quotes (filters have all three). */
        private PathArg path() {
            int start = pos;
            int depth = 0;
            char quote = 0;
            for (; pos < text.length(); pos++) {
                char c = text.charAt(pos);
                if (quote != 0) {
                    if (c == '\\') {
                        pos++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if ((c == '\'' || c == '"') && depth > 0) {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if ((c == ']' || c == ')') && depth > 0) {
                    depth--;
                } else if ((c == ',' || c == ')') && depth == 0) {
                    break;
                }
            }
            try {
                return new PathArg(JsonPathExpr.parse(text.substring(start, pos).strip()));
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private static JsonNode readJson(String literal) {
            try {
                return Json.MAPPER.readTree(literal);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a literal the parser accepted is not JSON: " + literal, e);
            }
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        private char peek() {
            return atEnd() ? '\0' : text.charAt(pos);
        }

        private boolean consume(char c) {
            skipSpaces();
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) {
                throw error("expected '" + c + "'");
            }
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("invalid intrinsic function " + text + " at " + pos + ": " + why);
        }
    }
}
