import ArgumentParser
import Foundation
import FrontlineExtraction

/// `frontline bench extract`: MB/s and articles/s of the extractor on one core over a synthetic
/// corpus (deterministic: the same articles every run), plus per-article latency percentiles.
struct BenchExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Extraction: MB/s and articles/s on one core over synthetic articles.")

    @Option(help: "Synthetic articles.") var articles = 10_000
    @Option(name: .customLong("config-dir"), help: "Directory holding gazetteer/ and lexicon/.") var configDirectory = "Config"
    @Flag(help: "Also extract one 10 MB article.") var huge = false
    @Flag(name: .customLong("show-slowest"), help: "Print the slowest article.") var showSlowest = false

    func run() throws {
        let extractor = Extractor(configuration: try ExtractionConfigFiles.load(directory: configDirectory))
        var corpus = SyntheticCorpus(seed: 2021)
        let inputs = (0..<articles).map { _ in corpus.article() }
        let bytes = inputs.reduce(0) { $0 + $1.text.utf8.count }
        say("corpus: \(inputs.count) articles, \(String(format: "%.1f", Double(bytes) / 1e6)) MB")
        _ = extractor.extract(inputs[0])  // warm-up
        let clock = ContinuousClock()
        var latencies: [Double] = []
        latencies.reserveCapacity(inputs.count)
        var reports = 0
        let cpuStart = Self.threadCPUSeconds()
        let total = clock.measure {
            for input in inputs {
                let start = clock.now
                reports += extractor.extract(input).reports.count
                let d = (clock.now - start).components
                latencies.append(Double(d.seconds) * 1e3 + Double(d.attoseconds) / 1e15)
            }
        }
        if showSlowest, let worst = latencies.indices.max(by: { latencies[$0] < latencies[$1] }) {
            say(String(format: "slowest (%.3f ms):\n", latencies[worst]) + inputs[worst].text)
        }
        let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
        let cpu = Self.threadCPUSeconds() - cpuStart
        latencies.sort()
        func pct(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        // The machine is shared: CPU time of this one thread is the fair "one core" figure; wall time is printed too.
        say(String(format: "extract: %.1f MB/s, %.0f articles/s on one core (thread CPU time %.2f s, %d reports)",
                   Double(bytes) / 1e6 / cpu, Double(inputs.count) / cpu, cpu, reports))
        say(String(format: "wall clock: %.1f MB/s, %.0f articles/s (%.2f s; load from other processes lowers it)",
                   Double(bytes) / 1e6 / seconds, Double(inputs.count) / seconds, seconds))
        say(String(format: "latency per article: p50 %.3f ms, p99 %.3f ms, max %.3f ms", pct(0.5), pct(0.99), latencies.last ?? 0))
        if huge {
            var text = ""
            while text.utf8.count < 10_000_000 { text += corpus.article().text + "\n\n" }
            let elapsed = clock.measure { _ = extractor.extract(ArticleInput(text: text, published: "2021-08-15")) }
            let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            say(String(format: "one %.1f MB article: %.2f s, %.1f MB/s", Double(text.utf8.count) / 1e6, s,
                       Double(text.utf8.count) / 1e6 / s))
        }
    }

    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    private func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
}

/// News-like articles built from templates, places and dates (own sentences, no seed text).
struct SyntheticCorpus {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }

    private static let cities = ["Kunduz", "Mazar-i-Sharif", "Mazar-e-Sharif", "Herat", "Kandahar", "Lashkar Gah", "Ghazni",
                                 "Faizabad", "Taloqan", "Pul-i-Khumri", "Sheberghan", "Zaranj", "Farah", "Qala-i-Naw",
                                 "Aybak", "Sar-e-Pul", "Jalalabad", "Gardez", "Sharana", "Maimana", "Tarinkot", "Qalat"]
    private static let provinces = ["Balkh", "Kunduz", "Takhar", "Baghlan", "Helmand", "Kandahar", "Nimroz", "Faryab",
                                    "Badakhshan", "Ghazni", "Herat", "Paktia", "Paktika", "Zabul", "Uruzgan", "Logar"]
    private static let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let outlets = ["AFP", "Reuters", "Pajhwok", "TOLOnews", "Anadolu Agency", "Al Jazeera"]

    /// Context sentences: real stories carry about as many of these as event sentences.
    private static let background = [
        "The United Nations has warned that hundreds of thousands of people have been displaced by the fighting this year.",
        "Diplomats in Doha said talks between the two sides had made little progress over the past month.",
        "Aid agencies say food prices have doubled in many markets since the main roads were cut.",
        "\"The situation is changing by the hour,\" said an aid worker who asked not to be named.",
        "Many families have sold their belongings to pay for the journey to the border.",
        "The government has urged people to stay calm and to trust the security forces.",
        "Analysts say the speed of the advance has surprised even the group's own commanders.",
        "Foreign embassies have begun reducing their staff and advising their citizens to leave.",
        "Prices of fuel and flour rose sharply in the capital's markets this week, traders said.",
        "Human rights groups have called for an independent inquiry into reports of reprisal killings.",
    ]

    mutating func article() -> ArticleInput {
        func pick(_ a: [String]) -> String { a[next(a.count)] }
        var paragraphs: [String] = []
        for _ in 0..<(6 + next(10)) {
            if next(2) == 0 {
                paragraphs.append((0..<(1 + next(2))).map { _ in pick(Self.background) }.joined(separator: " "))
                continue
            }
            switch next(9) {
            case 0: paragraphs.append("The Taliban captured \(pick(Self.cities)) on \(pick(Self.days)), officials told \(pick(Self.outlets)), the latest in a string of provincial capitals to fall in a week.")
            case 1: paragraphs.append("Fighting raged on the outskirts of \(pick(Self.cities)) late \(pick(Self.days)) as insurgents pressed in from three sides, a local lawmaker said.")
            case 2: paragraphs.append("\"We had no choice but to leave,\" said a resident of \(pick(Self.provinces)) province who fled with his family to the capital.")
            case 3: paragraphs.append("A Taliban spokesman claimed the group had taken \(pick(Self.cities)), but the defence ministry denied the claim and said its forces still held the city.")
            case 4: paragraphs.append("Government forces retook \(pick(Self.cities)) overnight after commandos were flown in, according to the army's regional command.")
            case 5: paragraphs.append("The insurgents now control \(10 + next(20)) of Afghanistan's 34 provincial capitals, up from none at the start of the month.")
            case 6: paragraphs.append("Analysts warned that \(pick(Self.cities)) could fall within days if reinforcements did not arrive from Kabul.")
            case 7: paragraphs.append("At least \(5 + next(60)) civilians were killed and dozens wounded in clashes in \(pick(Self.provinces)) on \(pick(Self.days)), the UN said.")
            default: paragraphs.append("Hundreds of soldiers surrendered to the Taliban in \(pick(Self.cities)), handing over weapons and vehicles, witnesses said.")
            }
        }
        let day = 1 + next(20)
        return ArticleInput(text: paragraphs.joined(separator: "\n\n"), published: "2021-08-\(day < 10 ? "0" : "")\(day)",
                            source: pick(Self.outlets))
    }
}
