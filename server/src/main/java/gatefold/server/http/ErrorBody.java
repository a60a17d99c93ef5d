package gatefold.server.http;

/** The JSON error shape every /api client relies on: {"error": code, "message": text}. */
public record ErrorBody(String error, String message) {
}
