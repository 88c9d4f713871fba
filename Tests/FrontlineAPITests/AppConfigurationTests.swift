import Foundation
import FrontlineAPI
import FrontlineHTTP
import FrontlineStorage
import FrontlineTestSupport
import Testing

@Suite struct AppConfigurationTests {
    func writeConfig(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func precedence_flagOverEnvironmentOverFileOverDefault() throws {
        let file = try writeConfig(#"{"port": 7000, "host": "0.0.0.0", "workers": 3, "cors_origins": ["https://a.example", "https://b.example"]}"#)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let config = try AppConfiguration.load(
            file: file, environment: ["FRONTLINE_PORT": "7100", "FRONTLINE_HOST": "::", "FRONTLINE_API_TOKEN": "secret"],
            flags: ["port": "7200"])
        #expect(config.server.port == 7200)
        #expect(config.server.host == "::")
        #expect(config.server.workerCount == 3)
        #expect(config.server.idleTimeout == 60)
        #expect(config.corsOrigins == ["https://a.example", "https://b.example"])
        #expect(config.apiToken == "secret")
    }

    @Test func storageAndRateLimitKeys_reachTheirSettings() throws {
        let file = try writeConfig(#"{"synchronous": "full", "merge_window_days": 5, "control_baseline": "2021-07-01", "rate_limit_per_s": 0, "ingest_batch": 250}"#)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let config = try AppConfiguration.load(file: file, environment: ["FRONTLINE_RATE_LIMIT_BURST": "7"], flags: [:])
        let storage = config.storageConfiguration(readerCount: 2)
        #expect(storage.synchronous == .full)
        #expect(storage.merge.windowDays == 5)
        #expect(storage.batchSize == 250)
        #expect(AppConfiguration().storageConfiguration(readerCount: 2).batchSize == StorageConfiguration.defaultBatchSize)
        #expect(storage.merge.baselineDate == "2021-07-01")
        #expect(config.rateLimitPerSecond == 0)
        #expect(config.rateLimitBurst == 7)
        for (key, bad) in [("FRONTLINE_SYNCHRONOUS", "sometimes"), ("FRONTLINE_CONTROL_BASELINE", "August"), ("FRONTLINE_MERGE_WINDOW_DAYS", "-1"), ("FRONTLINE_INGEST_BATCH", "0")] {
            #expect(throws: (any Error).self, "\(key)=\(bad) must be refused") {
                try AppConfiguration.load(file: file, environment: [key: bad], flags: [:])
            }
        }
    }

    @Test func badValuesAndUnknownKeys_nameTheKeyAndSource() throws {
        let file = try writeConfig(#"{"prot": 7000}"#)
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: ConfigurationError.self) { try AppConfiguration.load(file: file, environment: [:]) }
        do {
            _ = try AppConfiguration.load(file: nil, environment: ["FRONTLINE_PORT": "eighty"])
            Issue.record("expected an error")
        } catch let error as ConfigurationError {
            #expect(error.key == "port")
            #expect(error.source == "environment FRONTLINE_PORT")
        }
        #expect(throws: ConfigurationError.self) { try AppConfiguration.load(file: "/nonexistent/frontline.json", environment: [:]) }
    }

    @Test func repositoryConfigFile_loadsAndDocumentsEveryKey() throws {
        let path = RepositoryPaths.config.appendingPathComponent("frontline.json").path
        let config = try AppConfiguration.load(file: path, environment: [:])
        #expect(config.server.limits.maxBodyBytes == 16 * 1024 * 1024)
        let readme = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let json = try String(contentsOfFile: path, encoding: .utf8)
        for key in AppConfiguration.keys {
            #expect(readme.contains("`\(key.name)`"), "README lacks \(key.name)")
            #expect(readme.contains("`\(key.environment)`"), "README lacks \(key.environment)")
            #expect(json.contains("\"\(key.name)\""), "frontline.json lacks \(key.name)")
        }
    }

    @Test func application_servesHealthzAndMetrics() throws {
        let temp = TempDatabase()
        let app = try Application(configuration: AppConfiguration(
            databasePath: temp.path, publicDirectory: RepositoryPaths.root.appendingPathComponent("Public").path,
            configDirectory: RepositoryPaths.config.path))
        defer { app.close() }
        let health = app.handle(HTTPRequest(method: .get, path: "/healthz"))
        #expect(health.status == .ok)
        let text = String(decoding: health.bodyBytes ?? [], as: UTF8.self)
        #expect(text.hasPrefix("{\"status\":\"ok\",\"version\":\"\(FrontlineVersion.string)\",\"uptime_s\":"))
        let metrics = app.handle(HTTPRequest(method: .get, path: "/metrics"))
        #expect(metrics.headers["Content-Type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        let exposition = String(decoding: metrics.bodyBytes ?? [], as: UTF8.self)
        #expect(exposition.contains("frontline_rows{table=\"articles\"} 0"))
        #expect(exposition.contains("frontline_data_version "))
        let index = app.handle(HTTPRequest(method: .get, path: "/"))
        #expect(index.status == .ok)
        #expect(app.handle(HTTPRequest(method: .get, path: "/api/nothing")).status == .notFound)
    }
}
