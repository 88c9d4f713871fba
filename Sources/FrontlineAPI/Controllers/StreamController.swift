import Foundation
import FrontlineHTTP
import FrontlineStorage

/// `GET /api/stream`: Server-Sent Events of new, updated and deleted events.
///
/// Each event goes out as `id: <changes seq>`, `event: event` (or `deleted`) and the event JSON
/// as `/api/events` shows it, so a client that reconnects with `Last-Event-ID` (or `?since=`)
/// gets exactly what it missed. Article changes advance no id of their own: they are not sent.
/// A comment line (`: ping`) every 15 s keeps proxies from closing an idle stream and lets the
/// producer notice a client that went away.
struct StreamController: RouteCollection {
    let services: Services
    var heartbeatInterval: TimeInterval = 15

    func register(on router: Router) {
        let services = self.services
        let heartbeat = heartbeatInterval
        router.get("/api/stream") { request, _ in
            let query = try QueryParameters(request, allowed: ["since"])
            let start = try Self.startSeq(request, query, services: services)
            var response = HTTPResponse(status: .ok, headers: [
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-store",
                "X-Accel-Buffering": "no",
            ]) { output in
                try Self.run(services: services, after: start, heartbeat: heartbeat, output: output)
            }
            response.headers.add("Connection", "keep-alive")
            return response
        }
    }

    /// Where to resume: `Last-Event-ID`, else `since`, else the current end of the feed (new events only).
    static func startSeq(_ request: HTTPRequest, _ query: QueryParameters, services: Services) throws -> Int64 {
        if let header = request.headers["Last-Event-ID"]?.trimmingCharacters(in: .whitespaces), !header.isEmpty {
            guard let seq = Int64(header), seq >= 0 else {
                throw HTTPError.invalidParameter("Last-Event-ID", "Last-Event-ID must be an id this stream sent")
            }
            return seq
        }
        if let since = query.text("since") {
            guard since.utf8.count <= 18, let seq = Int64(since), seq >= 0 else {
                throw HTTPError.invalidParameter("since", "since must be a change sequence number (an SSE id)")
            }
            return seq
        }
        return try services.storage { try services.database.read { try $0.latestChangeSeq() } }
    }

    static func run(services: Services, after start: Int64, heartbeat: TimeInterval, output: any HTTPBodyWriter) throws {
        var seq = start
        // The first write sends the head at once, so the client knows the stream is open.
        try output.write("retry: 2000\n\n")
        try output.flush()
        var lastWrite = Date()
        var generation = services.notifier.current
        while !services.notifier.isClosed {
            let batch = try services.database.read { db -> [(ChangeRecord, EventRecord?)] in
                try db.changes(afterSeq: seq, limit: 500).map { change in
                    (change, change.entity == .event && change.op != .deleted ? try db.event(id: change.entityID) : nil)
                }
            }
            var text = ""
            for (change, event) in batch {
                seq = change.seq
                guard change.entity == .event else { continue }
                if let event {
                    var writer = JSONWriter(capacity: 1024)
                    writer.event(event)
                    text += "id: \(change.seq)\nevent: event\ndata: " + String(decoding: writer.bytes, as: UTF8.self) + "\n\n"
                } else {
                    text += "id: \(change.seq)\nevent: deleted\ndata: {\"id\":\(change.entityID)}\n\n"
                }
            }
            if !text.isEmpty {
                try output.write(text)
                try output.flush()
                lastWrite = Date()
            }
            if batch.count == 500 { continue }
            if Date().timeIntervalSince(lastWrite) >= heartbeat {
                try output.write(": ping\n\n")
                try output.flush()
                lastWrite = Date()
            }
            let untilHeartbeat = max(0.01, heartbeat - Date().timeIntervalSince(lastWrite))
            generation = services.notifier.wait(after: generation, timeout: min(services.notifier.pollInterval, untilHeartbeat))
        }
    }
}
