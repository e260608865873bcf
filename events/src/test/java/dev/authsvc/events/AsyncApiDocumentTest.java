package dev.authsvc.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.events.data.SealedValue;
import dev.authsvc.events.data.UserEventData;
import dev.authsvc.events.data.UserEventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps {@code asyncapi.yaml} and the Java contract together: every type of {@link UserEventTypes#ALL} has a
 * message, and every schema names exactly the JSON fields of its record with a matching JSON type.
 */
class AsyncApiDocumentTest {

    private static Map<String, Object> document;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
            document = new Yaml().load(in);
        }
    }

    @Test
    void itIsAnAsyncApi3DocumentOfTheTopic() {
        assertThat(String.valueOf(document.get("asyncapi"))).startsWith("3.");
        Map<String, Object> channel = map(document, "channels", "userEvents");
        assertThat(channel.get("address")).isEqualTo(UserEventEnvelope.TOPIC);
        assertThat(map(channel, "bindings", "kafka").get("topic")).isEqualTo(UserEventEnvelope.TOPIC);
        assertThat(map(channel, "bindings", "kafka", "topicConfiguration").get("retention.ms")).isEqualTo(-1);
    }

    @Test
    void everyTypeIsAMessageOfTheChannelAndOfThePublishOperation_andNoOtherIs() {
        Map<String, Object> channelMessages = map(document, "channels", "userEvents", "messages");
        assertThat(channelMessages.keySet()).containsExactlyInAnyOrderElementsOf(UserEventTypes.ALL.keySet());
        channelMessages.forEach((type, message) ->
                assertThat(ref(message)).isEqualTo("#/components/messages/" + type));

        List<String> operationMessages = list(map(document, "operations", "publishUserEvents"), "messages").stream()
                .map(AsyncApiDocumentTest::ref)
                .toList();
        assertThat(operationMessages).containsExactlyInAnyOrderElementsOf(UserEventTypes.ALL.keySet().stream()
                .map(type -> "#/channels/userEvents/messages/" + type)
                .toList());
        assertThat(map(document, "components", "messages").keySet())
                .containsExactlyInAnyOrderElementsOf(UserEventTypes.ALL.keySet());
    }

    @Test
    void everyMessageIsTheEnvelopeWithItsTypeAndItsDataSchema() {
        UserEventTypes.ALL.forEach((type, dataType) -> {
            Map<String, Object> message = map(document, "components", "messages", type);
            assertThat(message.get("name")).as(type).isEqualTo(type);
            List<Object> traits = list(message, "traits");
            assertThat(traits).as(type + " traits").extracting(AsyncApiDocumentTest::ref)
                    .containsExactly("#/components/messageTraits/UserEvent");

            List<Object> allOf = list(map(message, "payload"), "allOf");
            assertThat(ref(allOf.get(0))).as(type).isEqualTo("#/components/schemas/Envelope");
            Map<String, Object> specific = map(cast(allOf.get(1)), "properties");
            assertThat(map(specific, "type").get("const")).as(type).isEqualTo(type);
            assertThat(ref(specific.get("data"))).as(type + " data")
                    .isEqualTo("#/components/schemas/" + dataType.getSimpleName());
        });
    }

    @Test
    void everyDataSchemaDescribesExactlyTheFieldsOfItsRecord() {
        for (Class<? extends UserEventData> dataType : UserEventTypes.ALL.values()) {
            assertSchemaMatchesRecord(dataType.getSimpleName(), dataType);
        }
    }

    @Test
    void theEnvelopeAndSealedValueSchemasDescribeExactlyTheirRecords() {
        assertSchemaMatchesRecord("Envelope", UserEventEnvelope.class);
        assertSchemaMatchesRecord("SealedValue", SealedValue.class);
    }

    @Test
    void theHeadersAndTheKeyAreDescribed() {
        Map<String, Object> trait = map(document, "components", "messageTraits", "UserEvent");
        Map<String, Object> headers = map(trait, "headers", "properties");
        assertThat(headers.keySet()).containsExactlyInAnyOrder(
                UserEventEnvelope.TYPE_HEADER, UserEventEnvelope.SCHEMA_VERSION_HEADER);
        assertThat(map(headers, UserEventEnvelope.SCHEMA_VERSION_HEADER).get("const"))
                .isEqualTo(String.valueOf(UserEventEnvelope.SCHEMA_VERSION));
        assertThat(ref(map(trait, "bindings", "kafka").get("key"))).isEqualTo("#/components/schemas/UserId");
    }

    private static void assertSchemaMatchesRecord(String schemaName, Class<?> recordType) {
        Map<String, Object> schema = map(document, "components", "schemas", schemaName);
        Map<String, Object> properties = map(schema, "properties");
        Map<String, Class<?>> fields = jsonFields(recordType);

        assertThat(properties.keySet()).as("properties of %s", recordType.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(fields.keySet());
        List<Object> required = schema.containsKey("required") ? list(schema, "required") : List.of();
        assertThat(fields.keySet()).as("required of %s", recordType.getSimpleName()).containsAll(
                required.stream().map(String::valueOf).toList());
        // A field that may be left out (the publisher writes no nulls) says when, in its description.
        fields.keySet().stream().filter(name -> !required.contains(name)).forEach(optional ->
                assertThat(String.valueOf(cast(properties.get(optional)).get("description")))
                        .as("description of the optional %s.%s", recordType.getSimpleName(), optional)
                        .contains("absent"));
        fields.forEach((name, javaType) -> assertThat(jsonType(cast(properties.get(name))))
                .as("JSON type of %s.%s", recordType.getSimpleName(), name)
                .isEqualTo(expectedJsonType(javaType)));
    }

    /** The JSON name of each record component, as Jackson writes it ({@code @JsonProperty}). */
    private static Map<String, Class<?>> jsonFields(Class<?> recordType) {
        assertThat(recordType.isRecord()).as(recordType + " is a record").isTrue();
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            // @JsonProperty does not target record components; Java copies it onto the accessor.
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            assertThat(property).as("@JsonProperty on %s.%s", recordType.getSimpleName(), component.getName())
                    .isNotNull();
            fields.put(property.value(), component.getType());
        }
        return fields;
    }

    private static String expectedJsonType(Class<?> javaType) {
        if (javaType == String.class) {
            return "string";
        }
        if (javaType == int.class || javaType == long.class || javaType == Integer.class || javaType == Long.class) {
            return "integer";
        }
        if (javaType == boolean.class || javaType == Boolean.class) {
            return "boolean";
        }
        if (javaType == Instant.class) {
            return "string/date-time";
        }
        if (List.class.isAssignableFrom(javaType)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(javaType) || javaType == UserEventData.class) {
            // The envelope's data: its type's record, whose schema the message names.
            return "object";
        }
        if (javaType.isRecord()) {
            return "#/components/schemas/" + javaType.getSimpleName();
        }
        throw new AssertionError("no JSON type known for " + javaType);
    }

    /** A property's type as {@link #expectedJsonType} spells it: its $ref target, or its type and date format. */
    private static String jsonType(Map<String, Object> property) {
        if (property.containsKey("$ref")) {
            String target = ref(property);
            if (target.equals("#/components/schemas/UserId")) {
                return "string";
            }
            return target;
        }
        String type = String.valueOf(property.get("type"));
        return "date-time".equals(property.get("format")) ? type + "/date-time" : type;
    }

    private static String ref(Object node) {
        Object ref = cast(node).get("$ref");
        assertThat(ref).as("$ref in " + node).isInstanceOf(String.class);
        return (String) ref;
    }

    private static Map<String, Object> map(Map<String, Object> from, String... path) {
        Map<String, Object> current = from;
        List<String> walked = new ArrayList<>();
        for (String key : path) {
            walked.add(key);
            Object next = current.get(key);
            assertThat(next).as(String.join(".", walked)).isInstanceOf(Map.class);
            current = cast(next);
        }
        return current;
    }

    private static List<Object> list(Map<String, Object> from, String key) {
        Object value = from.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }
}
