package io.stylecast.web;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The REST API's contract, an OpenAPI 3.1 document (src/main/resources/api/openapi.json): every route, body,
 * parameter, response and error, and the WebSocket's messages as JSON Schemas. Served at {@code /api/openapi.json};
 * ApiContractTest checks it against the OpenAPI schema and against the router's real routes, both ways.
 */
final class ApiContract {

    static final String RESOURCE = "/api/openapi.json";

    private ApiContract() {
    }

    static Buffer document() {
        try (InputStream in = ApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the API contract " + RESOURCE + " is missing from the jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
