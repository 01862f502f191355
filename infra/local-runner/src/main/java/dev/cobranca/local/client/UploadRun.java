package dev.cobranca.local.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobranca.local.ExitCodes;
import dev.cobranca.local.RunnerException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What a client of the API does with a file: asks for an upload URL, PUTs the file to it (presigned, so the signed
 * content type and length must match), then follows {@code GET /uploads/{id}} until the upload is COMPLETED or
 * FAILED, showing progress.
 */
public final class UploadRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final URI api;
    private final String token;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param token the API's bearer token (every route but the webhook requires one) */
    public UploadRun(URI api, String token, PrintStream out) {
        this.api = api;
        this.token = token;
        this.out = out;
    }

    /** The upload's last state as the API reported it. */
    public record Outcome(String uploadId, JsonNode status, Duration uploadTime, boolean completed) {
    }

    public Outcome run(Path file, Duration timeout, Duration stall) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new RunnerException(ExitCodes.FILE_NOT_FOUND, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode created = createUpload(file.getFileName().toString(), size);
        String uploadId = created.path("uploadId").asText();
        long t0 = System.nanoTime();
        put(file, created);
        Duration uploadTime = Duration.ofNanos(System.nanoTime() - t0);
        out.printf(Locale.ROOT, "Uploaded %s (%s) in %.1f s as upload %s%n", file.getFileName(), bytes(size),
                uploadTime.toMillis() / 1000.0, uploadId);
        JsonNode last = follow(uploadId, timeout, stall);
        return new Outcome(uploadId, last, uploadTime, "COMPLETED".equals(last.path("status").asText()));
    }

    private JsonNode createUpload(String fileName, long size) {
        String body = JSON.createObjectNode().put("fileName", fileName).put("contentLength", size).toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(api.resolve("/uploads"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 201) {
            throw new RunnerException(ExitCodes.UPLOAD_FAILED, "POST /uploads answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    private void put(Path file, JsonNode created) {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(created.path("uploadUrl").asText()))
                .timeout(Duration.ofMinutes(30));
        created.path("headers").properties().forEach(h -> {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        try {
            // ofFile has a fixed length: the Content-Length the presigned URL pinned
            put.method(created.path("method").asText("PUT"), HttpRequest.BodyPublishers.ofFile(file));
        } catch (IOException e) {
            throw new RunnerException(ExitCodes.FILE_NOT_FOUND, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        HttpResponse<String> response = send(put.build());
        if (response.statusCode() / 100 != 2) {
            throw new RunnerException(ExitCodes.UPLOAD_FAILED, "PUT to the presigned URL answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    private JsonNode follow(String uploadId, Duration timeout, Duration stall) {
        URI status = api.resolve("/uploads/" + uploadId);
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastChange = System.nanoTime();
        String lastSeen = "";
        UploadProgress progress = UploadProgress.create(out);
        try {
            while (true) {
                long asked = System.nanoTime();
                HttpResponse<String> response = send(HttpRequest.newBuilder(status).header("Authorization", "Bearer " + token).GET().build());
                long answerMillis = (System.nanoTime() - asked) / 1_000_000;
                if (response.statusCode() != 200) {
                    throw new RunnerException(ExitCodes.UPLOAD_FAILED, "GET /uploads/" + uploadId + " answered "
                            + response.statusCode() + ": " + response.body());
                }
                JsonNode node = parse(response.body());
                progress.show(node);
                String state = node.path("status").asText();
                if (state.equals("COMPLETED") || state.equals("FAILED")) {
                    return node;
                }
                String fingerprint = node.path("status").asText() + node.path("rows") + node.path("charges");
                if (!fingerprint.equals(lastSeen)) {
                    lastSeen = fingerprint;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                    progress.close();
                    out.println("No progress for " + stall.toSeconds() + " s: " + node);
                    return node;
                }
                if (System.nanoTime() > deadline) {
                    progress.close();
                    out.println("Gave up after " + timeout.toSeconds() + " s: " + node);
                    return node;
                }
                // The status counts the upload's charges: on a large upload that query is not free, and it competes
                // with the functions for the same cores. Ask less often the longer it takes (at most ~1/5 of a core).
                Thread.sleep(Math.clamp(4 * answerMillis, 250, 2000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnerException(ExitCodes.UPLOAD_FAILED, "Interrupted while following upload " + uploadId);
        } finally {
            progress.close();
        }
    }

    /**
     * After the upload completed: follows {@code GET /uploads/{id}}'s {@code bank} counts until no title with a boleto
     * waits to be sent or for the bank's answer, and {@code bankSettled} says the bank owes nothing more (its payments
     * come in a later retorno than its confirmations, so a title CONFIRMED now may be SETTLED a moment later).
     *
     * @param bankSettled asked only once no title waits; true when the bank delivered everything it owes
     * @return false when the bank stopped answering for {@code stall}
     */
    public boolean followBank(String uploadId, Duration stall, BooleanSupplier bankSettled) {
        URI status = api.resolve("/uploads/" + uploadId);
        long lastChange = System.nanoTime();
        String lastSeen = "";
        long lastPrint = 0;
        try {
            while (true) {
                JsonNode bank = bankCounts(status, uploadId);
                long waiting = bank.path("notSent").asLong() + bank.path("sent").asLong();
                String text = bankLine(bank);
                if (waiting == 0 && bankSettled.getAsBoolean()) {
                    // read again: the bank's last retornos may have settled titles since the counts above
                    out.println("  bank · " + bankLine(bankCounts(status, uploadId)));
                    return true;
                }
                if (!text.equals(lastSeen)) {
                    lastSeen = text;
                    lastChange = System.nanoTime();
                    if (System.currentTimeMillis() - lastPrint >= 2000) {
                        out.println("  bank · " + text);
                        lastPrint = System.currentTimeMillis();
                    }
                } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                    out.println("The bank has not answered for " + stall.toSeconds() + " s: " + text);
                    return false;
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnerException(ExitCodes.UPLOAD_FAILED, "Interrupted while following the bank for upload " + uploadId);
        }
    }

    private JsonNode bankCounts(URI status, String uploadId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(status).header("Authorization", "Bearer " + token).GET().build());
        if (response.statusCode() != 200) {
            throw new RunnerException(ExitCodes.UPLOAD_FAILED, "GET /uploads/" + uploadId + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return parse(response.body()).path("bank");
    }

    private static String bankLine(JsonNode bank) {
        return String.format(Locale.ROOT, "to send %d · sent %d · confirmed %d · rejected %d · settled %d · written off %d",
                bank.path("notSent").asLong(), bank.path("sent").asLong(), bank.path("confirmed").asLong(),
                bank.path("rejected").asLong(), bank.path("settled").asLong(), bank.path("writtenOff").asLong());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RunnerException(ExitCodes.UPLOAD_FAILED, request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnerException(ExitCodes.UPLOAD_FAILED, "Interrupted");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RunnerException(ExitCodes.UPLOAD_FAILED, "The API answered something that is not JSON: " + body, e);
        }
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
