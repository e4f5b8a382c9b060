/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * A small RESTCONF (RFC 8040) client for the tests: JSON in, status and body out.
 */
final class Restconf {
    /** A response: HTTP status and body. */
    record Response(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final String AUTH = "Basic "
        + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Restconf(final String base) {
        this.base = base;
    }

    Response get(final String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Response put(final String path, final String json) throws IOException, InterruptedException {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response post(final String path, final String json) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response delete(final String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    /**
     * Repeats a GET until its response satisfies {@code done} or the time is up.
     *
     * @return the last response
     */
    Response await(final String path, final Predicate<Response> done, final Duration limit)
            throws InterruptedException {
        final var deadline = Instant.now().plus(limit);
        Response last = new Response(0, "no answer");
        while (Instant.now().isBefore(deadline)) {
            try {
                last = get(path);
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                last = new Response(0, e.toString());
            }
            Thread.sleep(200);
        }
        return last;
    }

    /**
     * Repeats GETs of all {@code paths} until every response satisfies {@code ready} without a break for
     * {@code steady}, or the time is up. A server that is still starting may answer once and then fail again
     * (RESTCONF's context answered, and a request 10 ms later got Jetty's 404).
     *
     * @return the responses of the last round
     */
    List<Response> awaitSteadily(final List<String> paths, final Predicate<Response> ready, final Duration steady,
            final Duration limit) throws InterruptedException {
        final var deadline = Instant.now().plus(limit);
        List<Response> last = List.of(new Response(0, "no answer"));
        Instant readySince = null;
        while (Instant.now().isBefore(deadline)) {
            last = paths.stream().map(this::getOrFailure).toList();
            if (last.stream().allMatch(ready)) {
                final var now = Instant.now();
                readySince = readySince == null ? now : readySince;
                if (!now.isBefore(readySince.plus(steady))) {
                    return last;
                }
            } else {
                readySince = null;
            }
            Thread.sleep(200);
        }
        return last;
    }

    private Response getOrFailure(final String path) {
        try {
            return get(path);
        } catch (IOException e) {
            return new Response(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, e.toString());
        }
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", AUTH)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    }

    private Response send(final HttpRequest.Builder builder) throws IOException, InterruptedException {
        final var response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
