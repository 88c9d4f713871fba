import FrontlineStorage
import Logging

/// What the controllers share: the database, the known reference slugs (for validating
/// filters), the change notifier that wakes SSE streams, the write policy, and the logger that
/// explains the errors the database gave.
public final class Services: Sendable {
    public let database: Database
    let reference: ReferenceIndex
    let notifier: ChangeNotifier
    let writes: WritePolicy
    let cache: ResponseCache
    let logger: Logger

    init(database: Database, reference: ReferenceIndex, notifier: ChangeNotifier, writes: WritePolicy, cache: ResponseCache,
         logger: Logger) {
        self.logger = logger
        self.database = database
        self.cache = cache
        self.reference = reference
        self.notifier = notifier
        self.writes = writes
    }
}

/// Slugs the filters accept, read once at start from the reference tables and the lexicon.
struct ReferenceIndex: Sendable {
    var provinces: Set<String>
    var cities: Set<String>
    var actors: Set<String>
    var eventTypes: [String]

    static let eventStatuses = ["confirmed", "claimed", "denied", "expected"]
    static let controlStatuses = ["government", "contested", "taliban", "unknown"]
}
