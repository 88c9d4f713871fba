import ArgumentParser
import Foundation
import FrontlineAPI
import FrontlineHTTP
import Logging

/// `frontline serve`: runs the HTTP API and the dashboard until SIGINT/SIGTERM.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API and the dashboard.",
        discussion: """
            Settings come from built-in defaults, then Config/frontline.json (or --config), then \
            FRONTLINE_* environment variables, then these flags. See the README for every key.
            """)

    @Option(help: "Address to bind (127.0.0.1, 0.0.0.0, ::).") var host: String?
    @Option(help: "TCP port (0 picks a free one).") var port: Int?
    @Option(help: "Configuration file (default: Config/frontline.json when present).") var config: String?
    @Option(help: "SQLite database file.") var db: String?
    @Option(name: .customLong("public"), help: "Directory served at /.") var publicDirectory: String?
    @Flag(help: "Load Config/demo into a fresh database at start.") var demo = false

    func run() throws {
        var flags: [String: String] = [:]
        if let host { flags["host"] = host }
        if let port { flags["port"] = String(port) }
        if let db { flags["database"] = db }
        if let publicDirectory { flags["public_dir"] = publicDirectory }
        if demo { flags["demo"] = "true" }
        let configuration: AppConfiguration
        do {
            configuration = try AppConfiguration.load(file: config, environment: ProcessInfo.processInfo.environment, flags: flags)
        } catch {
            throw ValidationError("configuration: \(error)")
        }
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { StderrLogHandler(label: $0, level: level) }
        let logger = Logger(label: "frontline")
        let application = try Application(configuration: configuration, logger: logger)
        try application.runUntilTerminated()
    }
}
