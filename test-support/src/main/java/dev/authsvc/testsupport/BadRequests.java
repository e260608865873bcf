package dev.authsvc.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The bad requests every JSON endpoint must answer with a 4xx problem, as data: each service's bad-input test
 * sends them to its own endpoints and decides itself which answers must name the field at fault, since the
 * services read fields differently.
 */
public final class BadRequests {

    private static final String JSON = "application/json";

    private BadRequests() {
    }

    /** Where a bad request's {@code content} goes. */
    public enum Kind {
        /** {@code content} is the whole body, sent as JSON. */
        WHOLE_BODY,
        /** {@code content} is the raw JSON value of the endpoint's field, in an otherwise good body. */
        FIELD_VALUE,
        /**
         * {@code content} is the raw JSON value of the endpoint's field, but the parser refuses it before any
         * field is known, so no answer can name the field.
         */
        FIELD_VALUE_PAST_PARSER_LIMIT,
        /** The field's value is bytes that are not UTF-8, so the body cannot even be decoded. */
        FIELD_NOT_UTF8,
        /** A good body sent with {@code content} as its Content-Type ({@code null}: none). */
        CONTENT_TYPE
    }

    /** A bad request, described; its body is built around an endpoint's body with its field's raw JSON value. */
    public record BadRequest(String description, Kind kind, String content) {

        public byte[] body(UnaryOperator<String> bodyWith) {
            return switch (kind) {
                case WHOLE_BODY -> utf8(content);
                case FIELD_VALUE, FIELD_VALUE_PAST_PARSER_LIMIT -> utf8(bodyWith.apply(content));
                case FIELD_NOT_UTF8 -> notUtf8(bodyWith);
                case CONTENT_TYPE -> utf8(bodyWith.apply("\"x\""));
            };
        }

        /** The Content-Type to send, {@code null} for none. */
        public String contentType() {
            return kind == Kind.CONTENT_TYPE ? content : JSON;
        }
    }

    public static BadRequest wholeBody(String description, String body) {
        return new BadRequest(description, Kind.WHOLE_BODY, body);
    }

    public static BadRequest fieldValue(String description, String rawJsonValue) {
        return new BadRequest(description, Kind.FIELD_VALUE, rawJsonValue);
    }

    public static BadRequest contentType(String description, String contentType) {
        return new BadRequest(description, Kind.CONTENT_TYPE, contentType);
    }

    public static final List<BadRequest> ALL = List.of(
            wholeBody("malformed JSON: {", "{"),
            wholeBody("malformed JSON: {\"a\":}", "{\"a\":}"),
            wholeBody("an empty body", ""),
            wholeBody("the JSON null", "null"),
            wholeBody("a JSON array", "[]"),
            wholeBody("a JSON string", "\"hello\""),
            wholeBody("a JSON number", "42"),
            new BadRequest("bytes that are not UTF-8 in the field", Kind.FIELD_NOT_UTF8, null),
            // Past the parser's 1000-digit limit, which fails before any field is known: the answer cannot name it.
            new BadRequest("a 2000-digit number for the field", Kind.FIELD_VALUE_PAST_PARSER_LIMIT, "9".repeat(2000)),
            fieldValue("an object for the field", "{\"nested\": true}"),
            fieldValue("an array for the field", "[\"a\", \"b\"]"),
            fieldValue("a number for the field", "12345"),
            fieldValue("a boolean for the field", "true"),
            fieldValue("1e400 for the field", "1e400"),
            fieldValue("10 000 characters in the field", "\"" + "x".repeat(10_000) + "\""),
            fieldValue("a NUL character in the field", "\"\\u0000\""),
            fieldValue("a lone surrogate in the field", "\"\\ud800\""),
            fieldValue("an emoji in the field", "\"\uD83D\uDE00\""),
            fieldValue("only whitespace in the field", "\"   \""),
            contentType("Content-Type text/plain", "text/plain"),
            contentType("Content-Type application/xml", "application/xml"),
            contentType("no Content-Type", null),
            contentType("an unknown charset", "application/json; charset=no-such-charset"),
            contentType("a Content-Type that is no media type", "garbage"));

    private static byte[] notUtf8(UnaryOperator<String> bodyWith) {
        // 0xED 0xA0 0x80 would be a surrogate encoded in UTF-8, which UTF-8 forbids; 0xFF is never valid.
        String[] around = bodyWith.apply("\"\u0001\"").split("\u0001");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8(around[0]));
        bytes.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF});
        bytes.writeBytes(utf8(around[1]));
        return bytes.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
