package br.com.rhp.hospital.fault;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of one node's HTTP API, as the administrator. A request that gets no answer is {@link Reply#unknown}. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final ServiceNode node;
    private final String authorization;

    Api(ServiceNode node) {
        this.node = node;
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (ServiceNode.ADMIN + ":" + ServiceNode.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    ServiceNode node() {
        return node;
    }

    Reply post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    Reply patch(String path, String ifMatch, String json) {
        return send(request(path)
                .header("Content-Type", "application/merge-patch+json")
                .header("If-Match", ifMatch)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    Reply get(String path) {
        return send(request(path).GET().build());
    }

    /** Any request, with a body of raw bytes (broken UTF-8 included) and any content type. */
    Reply raw(String method, java.net.URI uri, String contentType, byte[] body, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        HttpRequest.BodyPublisher publisher =
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        return send(b.method(method, publisher).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(node.uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(
                    r.statusCode(),
                    r.headers().firstValue("ETag").orElse(null),
                    r.headers().firstValue("Location").orElse(null),
                    r.body());
        } catch (IOException e) {
            return new Reply(Reply.UNKNOWN, null, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(Reply.UNKNOWN, null, null, e.toString());
        }
    }

    /** What a node answered; status {@link #UNKNOWN} when it did not (killed, connection reset, timeout). */
    record Reply(int status, String etag, String location, String body) {

        static final int UNKNOWN = -1;

        boolean acknowledged() {
            return status == 200 || status == 201 || status == 202;
        }

        boolean refused() {
            return (status >= 400 && status < 500) || status == 503;
        }

        boolean unknown() {
            return status == UNKNOWN;
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** The record's id: {@code id} of a 201/200 body, {@code entity_id} of a 202 receipt. */
        String entityId() {
            JsonNode node = json();
            return status == 202
                    ? node.get("entity_id").asString()
                    : node.get("id").asString();
        }

        /** The operation id of a 202 receipt, else null. */
        String operationId() {
            return status == 202 ? json().get("operation_id").asString() : null;
        }
    }
}
