extension HTTPHandler {
    /// Runs the handler and turns anything it throws into a response. This is the one place
    /// where errors become responses: `HTTPError` gives its own status and JSON envelope; any
    /// other error gives a generic 500 and its detail goes only to the log.
    public func respond(to request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        do {
            return try handle(request, context: context)
        } catch let error as HTTPError {
            return error.response
        } catch {
            context.logger.error("handler failed for \(request.method) \(HTTPSyntax.escapedForLog(request.path)): \(error)")
            return HTTPError(status: .internalServerError, code: "internal_error", message: "Internal server error").response
        }
    }
}
