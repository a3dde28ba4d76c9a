package dln.console;

/**
 * A request the console answers with an error page instead of a result: 400 for a malformed
 * request, 404 for something the ledger does not have. The message is shown to the reader, so
 * it says what was wrong with the request, never how the server failed.
 */
final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    private HttpProblem(final int status, final String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static HttpProblem badRequest(final String message) {
        return new HttpProblem(400, message);
    }

    static HttpProblem notFound(final String message) {
        return new HttpProblem(404, message);
    }

    int status() {
        return status;
    }
}
