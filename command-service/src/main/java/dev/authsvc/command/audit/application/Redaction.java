package dev.authsvc.command.audit.application;

import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the audit API shows of a stored payload or a replayed state: field names in snake case, as the rest of the
 * API writes them, and every secret replaced by {@value #REDACTED}. Secrets are found by field name, whatever the
 * event type, so a new event with a secret is covered as long as it names it the project's way: password hashes,
 * code and token hashes ({@code *_hash}, {@code hash}), sealed values ({@code sealed_*}), ciphertexts.
 */
public final class Redaction {

    public static final String REDACTED = "[redacted]";

    private Redaction() {
    }

    public static JsonNode redact(JsonNode node) {
        if (node.isObject()) {
            ObjectNode redacted = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String name = snakeCase(property.getKey());
                JsonNode value = property.getValue();
                if (isSecret(name) && !value.isNull()) {
                    redacted.put(name, REDACTED);
                } else {
                    redacted.set(name, redact(value));
                }
            }
            return redacted;
        }
        if (node.isArray()) {
            ArrayNode redacted = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                redacted.add(redact(element));
            }
            return redacted;
        }
        return node;
    }

    static boolean isSecret(String snakeCaseName) {
        return snakeCaseName.equals("hash") || snakeCaseName.endsWith("_hash") || snakeCaseName.startsWith("sealed")
                || snakeCaseName.equals("password") || snakeCaseName.endsWith("_password")
                || snakeCaseName.contains("ciphertext")
                || snakeCaseName.contains("secret");
    }

    static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && name.charAt(i - 1) != '_') {
                    snake.append('_');
                }
                snake.append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString().toLowerCase(Locale.ROOT);
    }
}
