import FrontlineHTTP
import Logging
import Testing

@Suite struct RateLimitTests {
    let context = RequestContext(requestID: "t", logger: Logger(label: "t", factory: { _ in SwiftLogNoOpLogHandler() }))

    @Test func burstThenRefillAtTheConfiguredRate() {
        let limiter = RateLimiter(rate: 10, burst: 5)
        let t0: UInt64 = 1_000_000_000
        let first = (0..<8).map { _ in limiter.acquire("a", nowNanos: t0).allowed }
        #expect(first == [true, true, true, true, true, false, false, false])
        // 0.25 s later two tokens (10/s) have come back, not more.
        let later = (0..<3).map { _ in limiter.acquire("a", nowNanos: t0 + 250_000_000).allowed }
        #expect(later == [true, true, false])
        // Another key has its own bucket.
        #expect(limiter.acquire("b", nowNanos: t0).allowed)
    }

    @Test func acceptedRateMatchesTheConfigurationOverTime() {
        // A client hammering at 5x the rate for 30 simulated seconds gets rate*30 + burst through.
        let limiter = RateLimiter(rate: 20, burst: 10)
        var accepted = 0
        let step: UInt64 = 10_000_000 // 100 attempts a second = 5x the rate
        for index in 0..<3_000 where limiter.acquire("ip", nowNanos: UInt64(index) * step).allowed { accepted += 1 }
        let expected = 20.0 * 30 + 10
        #expect(abs(Double(accepted) - expected) <= expected * 0.1)
    }

    @Test func refusedRequestsGet429WithRetryAfterAndTheEnvelope() {
        let router = Router()
        router.add(middleware: RateLimitMiddleware(limiter: RateLimiter(rate: 0.5, burst: 1)))
        router.get("/x") { _, _ in .text("ok") }
        let handler = router.buildHandler()
        let request = HTTPRequest(method: .get, path: "/x", remoteAddress: "203.0.113.9")
        #expect(handler.respond(to: request, context: context).status == .ok)
        let refused = handler.respond(to: request, context: context)
        #expect(refused.status == .tooManyRequests)
        #expect(refused.headers["Retry-After"] == "2")
        #expect(String(decoding: refused.bodyBytes ?? [], as: UTF8.self).contains("\"code\":\"rate_limited\""))
        // A different address is not affected.
        #expect(handler.respond(to: HTTPRequest(method: .get, path: "/x", remoteAddress: "203.0.113.10"), context: context).status == .ok)
    }

    @Test func loopbackCanBeExemptAndTokensKeySeparately() {
        let router = Router()
        router.add(middleware: RateLimitMiddleware(limiter: RateLimiter(rate: 0.1, burst: 1), exemptLoopback: true))
        router.get("/x") { _, _ in .text("ok") }
        let handler = router.buildHandler()
        for _ in 0..<5 {
            #expect(handler.respond(to: HTTPRequest(method: .get, path: "/x", remoteAddress: "127.0.0.1"), context: context).status == .ok)
        }
        var alice = HTTPRequest(method: .get, path: "/x", remoteAddress: "198.51.100.1")
        alice.headers.add("Authorization", "Bearer alice")
        var bob = alice
        bob.headers.set("Authorization", "Bearer bob")
        #expect(handler.respond(to: alice, context: context).status == .ok)
        #expect(handler.respond(to: bob, context: context).status == .ok)
        #expect(handler.respond(to: alice, context: context).status == .tooManyRequests)
    }

    @Test func theKeyTableStaysBounded() {
        let limiter = RateLimiter(rate: 1, burst: 1, maxKeys: 1_000)
        for index in 0..<10_000 { _ = limiter.acquire("k\(index)", nowNanos: UInt64(index)) }
        #expect(limiter.trackedKeys <= 1_000)
    }
}
