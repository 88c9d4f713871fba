// Test helper for the storage crash test (Tests/FrontlineStorageTests/CrashTests.swift):
// ingests synthetic articles into the database at argv[1], numbering them from argv[2], and
// prints each article id on stdout only after its transaction has committed. The test kills it
// with SIGKILL at a random moment and checks that every printed id survived.
import FrontlineStorage
import Glibc

let arguments = CommandLine.arguments
guard arguments.count >= 3, let start = Int(arguments[2]) else {
    let usage = "usage: frontline-crashtest DB START [COUNT]\n"
    _ = usage.withCString { write(2, $0, strlen($0)) }
    exit(2)
}
let count = arguments.count > 3 ? Int(arguments[3]) ?? 1_000_000 : 1_000_000
let database = try Database(path: arguments[1], configuration: StorageConfiguration(readerCount: 1))
try database.write { db in
    try db.upsertPlaces([PlaceRecord(id: "balkh", kind: .province, name: "Balkh"),
                         PlaceRecord(id: "mazar-i-sharif", kind: .city, name: "Mazar-i-Sharif", provinceID: "balkh", isCapital: true)])
    try db.upsertActors([ActorRecord(id: "taliban", name: "Taliban", kind: "armed_group")])
}

func item(_ n: Int) -> IngestItem {
    let text = "Synthetic crash-test article number \(n) about fighting near the northern city, day \(n % 28 + 1)."
    let day = String(n % 28 + 1)
    let date = "2021-08-" + (day.count == 1 ? "0" + day : day)
    return IngestItem(
        article: NewArticle(url: "https://crash.example/\(n)", title: "Crash \(n)", text: text,
                            publishedAt: date + "T12:00:00Z", sourceID: "source-\(n % 7)",
                            contentHash: ContentHash.of(text), extractorVersion: "crash-1"),
        reports: [NewReport(type: n % 3 == 0 ? "capture" : "assault", provinceID: "balkh", cityID: "mazar-i-sharif",
                            actorID: "taliban", date: date, datePrecision: "day", status: "reported",
                            evidence: Evidence(sentence: text, start: 0, end: 10))],
        citedSourceIDs: n % 2 == 0 ? ["afp"] : [])
}

var next = start
var batch = 1
while next < start + count {
    // Alternate single ingests and batches so kills land in both kinds of transaction.
    let size = batch % 3 == 0 ? 1 + batch % 17 : 1
    let items = (next..<next + size).map(item)
    let results = try database.ingest(items)
    var line = ""
    for result in results {
        line += "\(try result.get().articleID)\n"
    }
    _ = line.withCString { write(1, $0, strlen($0)) }
    next += size
    batch += 1
}
