package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's contract (src/main/resources/api/openapi.json) is a valid OpenAPI 3.1 document, is what the server
 * serves, and names exactly the routes the router has: every documented route is served and every route of the
 * API is documented. The pages ({@code /}, {@code /view/{id}}, {@code /wall} and the static files) are not the API.
 */
@IntegrationTest
class ApiContractTest {

    /** Not the API: the pages and static files, and the handlers every API or WebSocket path goes through first. */
    private static final Set<String> PAGES = Set.of("GET /view/{id}", "GET /wall", "GET /", "* /api/", "* /ws/");

    @TempDir
    Path dir;

    private ServerFixture server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theContractIsValidServedAndMatchesTheRoutesBothWays() throws Exception {
        server = ServerFixture.start(dir, new JsonObject());
        JsonObject served = server.get("/api/openapi.json").json();
        Vertx vertx = Vertx.vertx();
        try {
            // checked against the OpenAPI 3.1 schema, every $ref resolved (OpenAPIContract.from itself refuses image
            // responses, an unsupported feature of vertx-openapi's router: that is why the router stays ours)
            OpenAPIVersion version = OpenAPIVersion.fromContract(served);
            assertEquals(OpenAPIVersion.V3_1, version);
            SchemaRepository repository = version.getRepository(vertx, "app:///").await();
            OutputUnit result = version.validateContract(vertx, repository, served.copy()).await();
            assertTrue(result.getValid(), "a valid OpenAPI 3.1 document: " + result.getErrors());
            version.resolve(vertx, repository, served.copy()).await();
        } finally {
            vertx.close().await();
        }
        Set<String> documented = new TreeSet<>();
        served.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).fieldNames()
                .forEach(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        Set<String> routed = server.server.routes().stream()
                .map(route -> route.replaceAll(":([a-zA-Z]+)", "{$1}"))
                .filter(route -> !route.startsWith("HEAD "))   // every GET route answers HEAD too
                .filter(route -> !PAGES.contains(route))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented);
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(routed);
        assertEquals(Set.of(), undocumented, "routes missing from the contract");
        assertEquals(Set.of(), unserved, "documented routes the router does not have");
        assertTrue(routed.size() >= 15, "the router's routes were read: " + routed);
    }

    /** Every text message of a real session, both ways, against its schema in the contract (Ws*, by its type). */
    @Test
    void realWebSocketMessagesMatchTheirSchemas() throws Exception {
        server = ServerFixture.start(dir, new JsonObject());
        JsonObject contract = server.get("/api/openapi.json").json();
        JsonSchemaOptions options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://stylecast.test/");
        SchemaRepository repository = SchemaRepository.create(options).dereference("openapi.json", JsonSchema.of(contract));
        java.util.function.Function<String, Validator> schema = name -> repository.validator(
                JsonSchema.of(new JsonObject().put("$ref", "https://stylecast.test/openapi.json#/components/schemas/" + name)), options);
        java.util.Map<String, String> byType = java.util.Map.of("status", "WsStatus", "progress", "WsProgress",
                "history", "WsHistory", "frame", "WsFrame", "done", "WsDone", "error", "WsError");

        JsonObject created = server.createSession(new JsonObject().put("width", 32).put("iterations", 30));
        WsViewer owner = server.viewer(created.getString("id"), created.getString("ownerToken"));
        List<JsonObject> sent = List.of(new JsonObject().put("type", "update").put("params", new JsonObject().put("styleWeight", 2e5)),
                new JsonObject().put("type", "pause"), new JsonObject().put("type", "resume"), new JsonObject().put("type", "ack"));
        for (JsonObject control : sent) {
            OutputUnit result = schema.apply(control.getString("type").equals("ack") ? "WsAck" : "WsControl").validate(control);
            assertTrue(result.getValid(), control.encode() + ": " + result.getErrors());
            owner.send(control);
        }
        java.util.Set<String> seen = new TreeSet<>();
        while (!seen.contains("done")) {
            WsViewer.Received message = owner.next();
            if (message.binary() != null) {
                owner.ack();
                continue;
            }
            String type = message.json().getString("type");
            OutputUnit result = schema.apply(byType.get(type)).validate(message.json());
            assertTrue(result.getValid(), message.json().encode() + ": " + result.getErrors());
            seen.add(type);
        }
        assertTrue(seen.containsAll(Set.of("status", "progress", "history", "frame", "done")), "seen: " + seen);
        OutputUnit wrong = schema.apply("WsProgress").validate(new JsonObject().put("type", "progress").put("iteration", "3"));
        assertTrue(!wrong.getValid(), "and a message that is not one fails its schema");
    }

    @Test
    void theReadmePointsToIt() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("/api/openapi.json") && readme.contains("src/main/resources/api/openapi.json"),
                "README's Protocol section names the contract");
        List<String> schemas = List.of("WsStatus", "WsProgress", "WsHistory", "WsFrame", "WsDone", "WsError", "WsControl", "WsAck");
        JsonObject components = new JsonObject(java.nio.file.Files.readString(Path.of("src/main/resources/api/openapi.json")))
                .getJsonObject("components").getJsonObject("schemas");
        schemas.forEach(name -> assertTrue(components.containsKey(name), "the WebSocket message " + name + " is described"));
    }
}
