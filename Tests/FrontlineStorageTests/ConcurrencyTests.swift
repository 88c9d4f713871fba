import Foundation
import Synchronization
import Testing
import FrontlineTestSupport
@testable import FrontlineStorage

@Suite struct ConcurrencyTests {
    /// 8 readers run while one writer ingests articles of exactly two reports each: every read
    /// transaction must see reports == 2 × articles (a consistent snapshot) and never fail busy.
    /// They also search the index, which its own thread writes meanwhile: it never fails busy,
    /// never shrinks, and holds every article once the writes have returned.
    @Test func eightReadersDuringWrites_seeConsistentSnapshots() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp, configuration: StorageConfiguration(readerCount: 8))
        let writerDone = Atomic<Bool>(false)
        let failures = Mutex<[String]>([])
        let snapshots = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<8 {
            DispatchQueue.global().async(group: group) {
                var searched: Int64 = 0
                while !writerDone.load(ordering: .acquiring) || snapshots.load(ordering: .relaxed) < 16 {
                    do {
                        let (articles, reports, found) = try database.read { db in
                            (try db.scalar("SELECT count(*) FROM articles") ?? -1,
                             try db.scalar("SELECT count(*) FROM reports") ?? -1,
                             try db.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'concurrent'") ?? -1)
                        }
                        if reports != articles * 2 { failures.withLock { $0.append("torn: \(articles) / \(reports)") } }
                        if found < searched { failures.withLock { $0.append("search shrank: \(searched) -> \(found)") } }
                        searched = found
                        snapshots.add(1, ordering: .relaxed)
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                        return
                    }
                }
            }
        }
        for n in 0..<300 {
            _ = try database.ingest(IngestItem(
                article: Fixtures.article("Concurrent article \(n)."),
                reports: [Fixtures.capture("kunduz", province: "kunduz", date: "2021-08-08"),
                          NewReport(type: "assault", provinceID: "herat", actorID: "taliban", date: "2021-08-0\(n % 9 + 1)")]))
        }
        writerDone.store(true, ordering: .releasing)
        group.wait()
        #expect(failures.withLock { $0 } == [])
        #expect(snapshots.load(ordering: .relaxed) >= 16)
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'concurrent'") } == 300)
    }

    /// Writes from many threads are serialised on the one writer and all succeed.
    @Test func concurrentWriters_areSerialised() throws {
        let temp = TempDatabase()
        let database = try Fixtures.open(temp)
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for n in 0..<25 {
                do { _ = try database.ingest(IngestItem(article: Fixtures.article("Writer \(thread) article \(n)."))) }
                catch { errors.withLock { $0.append("\(error)") } }
            }
        }
        #expect(errors.withLock { $0 } == [])
        #expect(try database.read { try $0.scalar("SELECT count(*) FROM articles") } == 200)
    }
}
