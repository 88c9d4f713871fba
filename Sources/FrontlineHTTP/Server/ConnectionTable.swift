#if canImport(Glibc)
import Glibc
#endif
import CLinux
import Synchronization

/// Every open connection, parked (waiting in epoll with a deadline) or busy (owned by a thread).
///
/// Re-arming epoll happens under the same lock as parking, so the reaper can never close a
/// descriptor between a worker's decision to park and its `epoll_ctl`, which would otherwise
/// let a reused descriptor inherit a stale registration.
///
/// The table is split into 64 shards by connection id: with one lock, every worker contended
/// for it twice per request and perf showed 43% of server CPU spinning in `Mutex.lock`.
final class ConnectionTable: Sendable {
    static let shardCount = 64
    private let shards: [ConnectionShard]
    private let total = Atomic<Int>(0)

    init(epollFD: Int32) {
        shards = (0..<Self.shardCount).map { _ in ConnectionShard(epollFD: epollFD) }
    }

    private func shard(_ id: UInt64) -> ConnectionShard { shards[Int(id % UInt64(Self.shardCount))] }

    /// Open connections (parked and busy).
    var count: Int { total.load(ordering: .relaxed) }
    var busyCount: Int { shards.reduce(0) { $0 + $1.busyCount } }

    func insert(_ connection: HTTPConnection, deadline: UInt64) -> Bool {
        total.add(1, ordering: .relaxed)
        if shard(connection.id).insert(connection, deadline: deadline) { return true }
        total.subtract(1, ordering: .relaxed)
        return false
    }

    func checkout(_ id: UInt64) -> HTTPConnection? { shard(id).checkout(id) }

    func park(_ connection: HTTPConnection, deadline: UInt64, partial: Bool) -> Bool {
        if shard(connection.id).park(connection, deadline: deadline, partial: partial) { return true }
        return false
    }

    func remove(_ id: UInt64) {
        if shard(id).remove(id) { total.subtract(1, ordering: .relaxed) }
    }

    func takeExpired(now: UInt64) -> [ConnectionShard.Entry] {
        let expired = shards.flatMap { $0.takeExpired(now: now) }
        if !expired.isEmpty { total.subtract(expired.count, ordering: .relaxed) }
        return expired
    }

    func takeParked() -> [ConnectionShard.Entry] { takeExpired(now: .max - 1) }

    /// Shuts down (both ways) the sockets of busy connections, for a forced stop after the grace
    /// period; their owners see the error and close them.
    func shutDownBusy() { for shard in shards { shard.shutDownBusy() } }
}

/// One shard of the connection table.
final class ConnectionShard: Sendable {
    struct Entry {
        let connection: HTTPConnection
        var deadline: UInt64?     // nil while busy
        var partial: Bool
    }

    private let entries = Mutex<[UInt64: Entry]>([:])
    private let epollFD: Int32

    init(epollFD: Int32) { self.epollFD = epollFD }

    var busyCount: Int { entries.withLock { $0.values.filter { $0.deadline == nil }.count } }

    /// Registers a new connection and arms epoll for its first bytes.
    func insert(_ connection: HTTPConnection, deadline: UInt64) -> Bool {
        entries.withLock { entries in
            entries[connection.id] = Entry(connection: connection, deadline: deadline, partial: false)
            var event = epoll_event()
            event.events = EPOLLIN.rawValue | EPOLLONESHOT.rawValue
            event.data.u64 = connection.id
            if epoll_ctl(epollFD, EPOLL_CTL_ADD, connection.fd, &event) != 0 {
                entries[connection.id] = nil
                return false
            }
            return true
        }
    }

    /// Takes a parked connection for a worker; nil if it was reaped or is already busy.
    func checkout(_ id: UInt64) -> HTTPConnection? {
        entries.withLock { entries in
            guard var entry = entries[id], entry.deadline != nil else { return nil }
            entry.deadline = nil
            entries[id] = entry
            return entry.connection
        }
    }

    /// Parks a busy connection until `deadline` and re-arms epoll for it.
    /// - Returns: false when epoll refused (the caller closes the connection).
    func park(_ connection: HTTPConnection, deadline: UInt64, partial: Bool) -> Bool {
        entries.withLock { entries in
            guard entries[connection.id] != nil else { return false }
            entries[connection.id] = Entry(connection: connection, deadline: deadline, partial: partial)
            var event = epoll_event()
            event.events = EPOLLIN.rawValue | EPOLLONESHOT.rawValue
            event.data.u64 = connection.id
            if epoll_ctl(epollFD, EPOLL_CTL_MOD, connection.fd, &event) != 0 {
                entries[connection.id]?.deadline = nil   // still busy: the caller closes it
                return false
            }
            return true
        }
    }

    /// Forgets a connection (the owner closes its descriptor afterwards).
    /// - Returns: whether it was still registered.
    func remove(_ id: UInt64) -> Bool {
        entries.withLock { $0.removeValue(forKey: id) != nil }
    }

    /// Removes and returns parked connections whose deadline has passed.
    func takeExpired(now: UInt64) -> [Entry] {
        entries.withLock { entries in
            let expired = entries.values.filter { ($0.deadline ?? .max) <= now }
            for entry in expired { entries[entry.connection.id] = nil }
            return expired
        }
    }

    /// Shuts down the busy connections' sockets. Under the lock, because an owner removes its
    /// entry before closing the descriptor: outside it, a descriptor closed meanwhile could
    /// already be reused for another socket or file, and that one would be shut down instead.
    func shutDownBusy() {
        entries.withLock { entries in
            for entry in entries.values where entry.deadline == nil {
                Glibc.shutdown(entry.connection.fd, Int32(SHUT_RDWR))
            }
        }
    }
}
